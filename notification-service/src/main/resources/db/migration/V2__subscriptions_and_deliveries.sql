-- Who wants which notices (NTF-5): per account and event type, an email address or a webhook URL.
create table subscriptions (
    id          uuid        primary key,
    account_id  text        not null,
    event_type  text        not null,
    channel     text        not null check (channel in ('EMAIL', 'WEBHOOK')),
    address     text        not null,
    -- the HMAC-SHA256 key of a webhook; shown once when the subscription is created
    secret      text,
    created_by  text        not null,
    created_at  timestamptz not null default now(),
    unique (account_id, event_type, channel, address)
);
create index subscriptions_by_event on subscriptions (account_id, event_type);

-- One notice to one recipient. delivery_key = sha256(event id, recipient) is unique: inserted in the
-- consumer's transaction together with the inbox row, so a redelivered event adds nothing (NTF-5).
-- Workers claim due rows with FOR UPDATE SKIP LOCKED and a lease (claim_token, claimed_until); a
-- worker that dies mid-send leaves a lease that expires, and the row is sent again with the same id.
create table deliveries (
    id              uuid        primary key,
    delivery_key    text        not null unique,
    account_id      text        not null,
    subscription_id uuid        references subscriptions (id) on delete set null,
    channel         text        not null check (channel in ('EMAIL', 'WEBHOOK')),
    recipient       text        not null,
    -- what isolates one target from another: scheme://host:port of a webhook, smtp for email
    endpoint        text        not null,
    notice          text        not null,
    event_id        text        not null,
    event_type      text        not null,
    event_source    text        not null,
    event_subject   text,
    event_time      timestamptz not null,
    payload         text        not null,
    -- email threading (NTF-3): the Message-ID this mail answers
    in_reply_to     text,
    state           text        not null default 'PENDING'
                    check (state in ('PENDING', 'DELIVERED', 'DEAD', 'CANCELLED')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    claim_token     uuid,
    claimed_until   timestamptz,
    last_error      text,
    delivered_at    timestamptz,
    created_at      timestamptz not null default now()
);
create index deliveries_due on deliveries (next_attempt_at) where state = 'PENDING';
create index deliveries_by_account on deliveries (account_id, created_at desc);
create index deliveries_by_subscription on deliveries (subscription_id) where state = 'PENDING';

-- Every try of every delivery: the delivery log an account reads through the API.
create table delivery_attempts (
    id          bigint      generated always as identity primary key,
    delivery_id uuid        not null references deliveries (id),
    attempt     integer     not null,
    started_at  timestamptz not null,
    duration_ms integer     not null,
    outcome     text        not null check (outcome in ('DELIVERED', 'FAILED')),
    status      integer,
    error       text,
    unique (delivery_id, attempt)
);
