-- QNT-CRD-1 money once: the credit of a month is the account's, not each instance's (docs/policies.md,
-- Credit readings). Each account and month has one row here; every new version of one of its instances'
-- measured months raises the revision by one, in the transaction that stores that version. The row is
-- also the lock that makes two instances' months of the same account, consumed at the same time on two
-- partitions, evaluate one after the other: the second sees the first's month and decision.
create table account_months (
    account_id text not null,
    month      text not null,
    revision   int  not null,
    primary key (account_id, month)
);

-- Decisions and ledger entries of an account's month carry no instance (instance_id null) and the
-- account month's revision as their source version: at most one per account, month and revision.
-- Rows written before (one per instance) keep their instance and stay counted in what a month was given.
alter table credit_decisions alter column instance_id drop not null;
create unique index credit_decisions_one_per_account_month on credit_decisions (account_id, month, source_version)
    where instance_id is null;
create index credit_decisions_account_month on credit_decisions (account_id, month);
create unique index ledger_one_per_account_month on ledger_entries (account_id, month, source_version)
    where instance_id is null and month is not null;

-- QNT-CRD-3 settlement on time: one row per settlement run that went ahead (the schedule's, holding the
-- group's advisory lock, or an administrator's replay), with what it issued.
create table settlement_runs (
    run_id      uuid        primary key,
    cycle       text        not null,
    trigger     text        not null,   -- SCHEDULE or ADMIN
    runner      text        not null,   -- the instance that ran it
    started_at  timestamptz not null,
    finished_at timestamptz not null,
    issued      int         not null
);
create index settlement_runs_cycle on settlement_runs (cycle, finished_at);
