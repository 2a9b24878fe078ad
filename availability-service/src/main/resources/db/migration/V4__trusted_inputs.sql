-- Issue 17, trusted inputs. Who reported an outage (the token's sub and role): only the reporter or
-- an agent/admin ends it, and a probe's free-text note never reaches the public status page.
alter table outages add column reporter_subject text;
alter table outages add column reporter_role text;

-- The contract's first day (ContractChanged.startsOn): no maintenance window starts before it.
alter table instances add column contract_starts_on date;

-- One line per decision that changes which minutes count, never edited: an excluding outage cause
-- set by an agent or admin, a started maintenance window ended early.
create table audit_lines (
    id          uuid primary key,
    at          timestamptz not null,
    actor       text        not null,
    actor_role  text        not null,
    action      text        not null,
    subject_id  text        not null,
    account_id  text        not null,
    instance_id text,
    detail      text        not null,
    reason      text        not null
);
create index audit_lines_subject on audit_lines (subject_id, at);
