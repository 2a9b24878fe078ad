-- TKT-4 ticket model: category, triage (INF-TKT-3), the policy in force at creation (POL-3),
-- entitlement flags (IS-TKT-5, ITC-TKT-6), escalation tier (INF-TKT-7), feature answer (IS-TKT-9).
alter table tickets
    add column category         text    not null default 'QUESTION',
    add column priority         text,
    add column risk             text,
    add column policy           text    not null default 'unknown',
    add column policy_version   integer not null default 0,
    add column plan             text,
    add column time_zone        text,
    add column product_id       text,
    add column version          text,
    add column instance_id      text,
    add column environment      text,
    add column flags            text    not null default '',
    add column quota_year       date,
    add column escalation_level text    not null default 'SUPPORT',
    add column feature_answer   text,
    add column feature_timeline text,
    add column feature_reason   text;
alter table tickets alter column category drop default, alter column policy drop default,
    alter column policy_version drop default;
create index tickets_created on tickets (created_at desc, id desc);
create index tickets_state_created on tickets (state, created_at desc);

-- The audit trail: every change of a ticket, in order, with who and why.
create table ticket_history (
    id          bigint generated always as identity primary key,
    ticket_id   uuid        not null references tickets (id),
    occurred_at timestamptz not null,
    actor       text        not null,
    kind        text        not null,
    from_value  text,
    to_value    text,
    note        text
);
create index ticket_history_ticket on ticket_history (ticket_id, id);

-- ITC-TKT-6: one row per account and contract year. A unit is taken with a conditional UPDATE
-- (used < allowance + carried_in), so two concurrent intakes can never both take the last one.
create table quota_years (
    account_id  text    not null references accounts (id),
    year_start  date    not null,
    year_end    date    not null,
    allowance   integer not null check (allowance >= 0),
    carried_in  integer not null check (carried_in >= 0),
    used        integer not null default 0,
    primary key (account_id, year_start),
    check (used >= 0)
);

-- Inbound e-mail, one row per Message-ID: a mail polled twice or posted twice files one ticket.
create table inbound_emails (
    message_id  text        primary key,
    received_at timestamptz not null,
    sender      text        not null,
    outcome     text        not null,
    ticket_id   uuid,
    reason      text
);
