-- Instance registry, rebuilt from contracts.v1 (POL-2): what a probe may report on and how its
-- months are measured.
create table instances (
    instance_id       text primary key,
    account_id        text        not null,
    policy            text        not null,
    policy_version    int         not null,
    plan              text,
    time_zone         text        not null,
    month_zone        text        not null,
    product_id        text,
    environment       text,
    active            boolean     not null,
    contract_revision int         not null,
    updated_at        timestamptz not null
);
create index instances_account on instances (account_id);

-- Probe locations get a bit each, so that a minute keeps which locations saw the instance up or
-- down in two bigints however often they probe.
create table probe_locations (
    name text primary key,
    bit  smallint not null unique check (bit between 0 and 62)
);

-- AVL-1: raw probe results reduced to one row per instance and minute as they arrive; storage
-- grows with minutes probed, never with the probing rate.
create table probe_minutes (
    instance_id    text        not null,
    minute         timestamptz not null,
    up_mask        bigint      not null default 0,
    down_mask      bigint      not null default 0,
    samples        int         not null default 0,
    latency_sum_ms bigint      not null default 0,
    primary key (instance_id, minute)
);
-- Only minutes with a down report can be Unavailable: uptime reads just those.
create index probe_minutes_down on probe_minutes (instance_id, minute) where down_mask <> 0;

-- Idempotency keys of probe batches: a repeated batch answers the first answer and stores nothing.
create table probe_batches (
    idempotency_key text primary key,
    body_hash       text        not null,
    accepted        int         not null,
    minutes         int         not null,
    received_at     timestamptz not null
);

-- AVL-1 explicit outages; the cause decides the exclusion (AVL-3).
create table outages (
    id             uuid primary key,
    instance_id    text        not null,
    account_id     text        not null,
    cause          text        not null,
    started_at     timestamptz not null,
    ended_at       timestamptz,
    note           text,
    reported_by    text        not null,
    policy_version int         not null,
    recorded_at    timestamptz not null,
    check (ended_at is null or ended_at > started_at)
);
create index outages_instance on outages (instance_id, started_at);

-- AVL-3, IS-AVL-4: planned, emergency and customer-designated maintenance; whether it is excluded
-- is decided when it is announced (or moved) and kept with the reasons.
create table maintenance (
    id             uuid primary key,
    account_id     text        not null,
    instance_id    text,
    kind           text        not null,
    status         text        not null,
    revision       int         not null,
    announced_at   timestamptz not null,
    starts_at      timestamptz not null,
    ends_at        timestamptz not null,
    excluded       boolean     not null,
    reasons        text        not null,
    description    text,
    policy         text        not null,
    policy_version int         not null,
    check (ends_at > starts_at)
);
create index maintenance_account on maintenance (account_id, starts_at);

-- AVL-7: one row per instance and month to close; claimed with FOR UPDATE SKIP LOCKED so that any
-- number of service instances share the work. dirty = needs a (re)computation.
create table month_closes (
    instance_id text        not null,
    month       text        not null,
    due_at      timestamptz not null,
    dirty       boolean     not null,
    version     int         not null default 0,
    fingerprint text,
    closed_at   timestamptz,
    primary key (instance_id, month)
);
create index month_closes_due on month_closes (due_at) where dirty;

-- Every published version of a month's result, as published.
create table month_results (
    instance_id text        not null,
    month       text        not null,
    version     int         not null,
    payload     text        not null,
    created_at  timestamptz not null,
    primary key (instance_id, month, version)
);
