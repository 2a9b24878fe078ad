-- What credit-service knows of each account, from contracts.v1 (latest revision wins).
create table contracts (
    account_id      text        primary key,
    revision        int         not null,
    policy          text        not null,
    plan            text,
    time_zone       text        not null,
    currency        text        not null,
    monthly_charges numeric     not null,
    billing_cycle   text        not null
);

-- Instance to account, for claims (QNT-CRD-2: unknown or foreign instance).
create table instances (
    instance_id text primary key,
    account_id  text not null
);
create index instances_account on instances (account_id);

-- Every version of every measured month (AVL-7), as received: the source of each decision.
create table month_results (
    instance_id    text    not null,
    month          text    not null,
    version        int     not null,
    account_id     text    not null,
    uptime_percent numeric not null,
    payload        text    not null,
    primary key (instance_id, month, version)
);

-- Credit claims (QNT-CRD-2): RECEIVED -> CONFIRMED | DISQUALIFIED -> CREDITED.
create table claims (
    claim_id       uuid        primary key,
    account_id     text        not null,
    instance_id    text,
    month          text,
    incident_start timestamptz,
    incidents      text        not null,
    subject        text,
    source         text        not null,
    state          text        not null,
    reason         text,
    detail         text,
    received_at    timestamptz not null,
    ledger_entry_id uuid
);
-- One live claim per account, instance and incident: a second is a duplicate.
create unique index claims_one_per_incident on claims (account_id, instance_id, incident_start)
    where state <> 'DISQUALIFIED';
create index claims_waiting on claims (instance_id, month) where state = 'RECEIVED';

-- Credits decided and waiting for settlement, then issued (CRD-7). One per account, measured month,
-- instance and source version: a replay or a second settlement finds the row and issues nothing twice.
create table credit_decisions (
    decision_id     uuid        primary key,
    account_id      text        not null,
    instance_id     text        not null,
    month           text        not null,
    source_version  int         not null,
    kind            text        not null,
    amount          numeric     not null,
    currency        text        not null,
    rule            text        not null,
    explanation     text        not null,
    claim_id        uuid,
    confirmed_month text        not null,
    state           text        not null,
    ledger_entry_id uuid,
    unique (account_id, month, instance_id, source_version)
);
create index credit_decisions_pending on credit_decisions (confirmed_month, decision_id) where state = 'PENDING';

-- The ledger (QNT-CRD-3): entries are only ever added, never edited or deleted.
create table ledger_entries (
    entry_id       uuid        primary key,
    account_id     text        not null,
    kind           text        not null,
    cycle          text,
    instance_id    text,
    month          text,
    source_version int,
    amount         numeric     not null,
    currency       text        not null,
    rule           text,
    explanation    text        not null,
    claim_id       uuid,
    actor          text        not null,
    created_at     timestamptz not null
);
create unique index ledger_one_per_source on ledger_entries (account_id, month, instance_id, source_version)
    where instance_id is not null;
create index ledger_account on ledger_entries (account_id, created_at);

-- IS-CRD-5 rights already published, so that each is published once.
create table termination_rights (
    instance_id text        not null,
    right_key   text        not null,
    account_id  text        not null,
    granted_at  timestamptz not null,
    primary key (instance_id, right_key)
);
