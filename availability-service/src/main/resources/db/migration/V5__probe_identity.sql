-- Issue 17, probe identity. A probe is the token's sub; what it may report on and where from is
-- registered by an admin (PUT /api/v1/probes/{probe}), never invented per request.
-- The accounts a probe reports on; '*' = every account (the platform operator's own monitoring).
create table probe_scopes (
    probe      text not null,
    account_id text not null,
    primary key (probe, account_id)
);

-- The locations a probe reports from. A location belongs to one probe: no probe can add votes under
-- another's location to the quorum.
create table probe_registered_locations (
    location text primary key,
    probe    text not null
);
create index probe_registered_locations_probe on probe_registered_locations (probe);

-- Idempotency keys are scoped to the caller: two probes' keys never collide or replay each other.
alter table probe_batches add column probe text not null default '';
alter table probe_batches drop constraint probe_batches_pkey;
alter table probe_batches add primary key (probe, idempotency_key);
