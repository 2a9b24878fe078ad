-- The tickets whose SLA clocks this service runs, as learnt from ticket events.
create table tracked_tickets (
    ticket_id       uuid        primary key,
    account_id      text        not null,
    severity        smallint    not null,
    opened_at       timestamptz not null,
    source_event_id text        not null,
    recorded_at     timestamptz not null default now()
);
create index tracked_tickets_account on tracked_tickets (account_id);
