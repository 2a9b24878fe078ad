-- Shared by every service, in the service's own schema. Service migrations start at V2.

-- Transactional outbox: written in the same transaction as the business rows, published to Kafka
-- by OutboxRelay in id order and then marked. Kept after publishing for audit; purged by age.
create table outbox (
    id           bigint generated always as identity primary key,
    event_id     text        not null unique,
    topic        text        not null,
    record_key   text        not null,
    type         text        not null,
    source       text        not null,
    subject      text,
    event_time   timestamptz not null,
    payload      text        not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);
create index outbox_unpublished on outbox (id) where published_at is null;

-- Wakes the relay as soon as a transaction that wrote outbox rows commits (NOTIFY is delivered on
-- commit only, so the relay never sees an uncommitted row); polling stays as the safety net.
create function outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify(tg_table_schema || '_outbox', '');
    return null;
end $$;
create trigger outbox_notify after insert on outbox for each statement execute function outbox_notify();

-- Idempotent consumption: the processed event id is inserted first, in the transaction of the
-- effect; a redelivered event finds its row and changes nothing.
create table inbox (
    consumer     text        not null,
    event_id     text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
