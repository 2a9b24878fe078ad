-- Issue 5: clocks as a function of each ticket's event history, and durable timers.

-- Every clock event of a ticket as received (ticket.created, state-changed, severity-changed). The
-- clocks are recomputed from this history sorted by occurrence, so duplicates and reordering are
-- harmless.
create table ticket_events (
    ticket_id   uuid        not null,
    event_id    text        not null,
    occurred_at timestamptz not null,
    type        text        not null,
    payload     text        not null,
    primary key (ticket_id, event_id)
);

-- One row per ticket: its clocks' generation, raised by every event applied. A timer carries the
-- generation it was computed in; the firing loop only fires timers of the current generation, so a
-- stale timer never fires. The row is also the per-ticket lock that serialises recomputations.
create table clock_generations (
    ticket_id  uuid   primary key,
    generation bigint not null
);

-- The clocks as last derived (SLA-6 reports, the running-clocks gauge). Recomputed on every event.
create table sla_clocks (
    ticket_id         uuid        not null,
    target            text        not null,
    account_id        text        not null,
    cycle             int         not null,
    severity          smallint    not null,
    calendar          text        not null,
    policy            text        not null,
    policy_version    int         not null,
    filed_at          timestamptz not null,
    due_at            timestamptz not null,
    paused_since      timestamptz,
    met_at            timestamptz,
    primary key (ticket_id, target)
);
create index sla_clocks_account_due on sla_clocks (account_id, due_at);

-- Durable timers (SLA-5, NTF-1): one per ticket, target, cycle and kind (warning-50, breach,
-- escalation-executive, ...). Claimed with FOR UPDATE SKIP LOCKED; fired_at is set in the
-- transaction that writes the event to the outbox, so each fires once. Fired rows are kept: they
-- are the record that the warning or breach was published.
create table sla_timers (
    ticket_id      uuid        not null,
    target         text        not null,
    cycle          int         not null,
    kind           text        not null,
    due_at         timestamptz not null,
    generation     bigint      not null,
    account_id     text        not null,
    severity       smallint    not null,
    calendar       text        not null,
    policy         text        not null,
    policy_version int         not null,
    target_due_at  timestamptz not null,
    fired_at       timestamptz,
    primary key (ticket_id, target, cycle, kind)
);
create index sla_timers_due on sla_timers (due_at) where fired_at is null;

-- Wakes the firing loop when a transaction that wrote timers commits, so a new earlier deadline
-- is not slept through.
create function sla_timers_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify(tg_table_schema || '_sla_timers', '');
    return null;
end $$;
create trigger sla_timers_notify after insert or update on sla_timers
    for each statement execute function sla_timers_notify();
