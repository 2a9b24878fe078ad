-- The writes one API ticket makes, as one plain transaction: the ticket row, its audit line, its
-- ticket.created event in the outbox, and the relay marking that event published. A second
-- baseline next to pgbench-insert.sql: what PostgreSQL alone does for a ticket, without HTTP, JSON,
-- the entitlement check, Kafka, or the service's group commit (here every ticket commits alone).
-- (No "name":value literals here: pgbench would read each :value as one of its variables.)
\set severity random(1, 4)
begin;
with ticket as (
    insert into bench_tickets (id, account_id, subject, description, severity, state, channel, category, policy,
        policy_version, plan, time_zone, flags, escalation_level, created_by, created_at, updated_at)
    values (gen_random_uuid(), 'bench', 'Load test ticket', 'created by pgbench', :severity, 'NEW', 'API', 'DEFECT',
        'inflectra', 1, 'standard', 'UTC', '', 'SUPPORT', 'pgbench', now(), now())
    returning id, created_at),
history as (
    insert into bench_ticket_history (ticket_id, occurred_at, actor, kind, from_value, to_value, note)
    select id, created_at, 'pgbench', 'CREATED', null, 'NEW', null from ticket)
insert into bench_outbox (event_id, topic, record_key, type, source, subject, event_time, payload)
select gen_random_uuid()::text, 'tickets.v1', id::text, 'org.slaplatform.ticket.created.v1', '/ticket-service', id::text,
    created_at, json_build_object('ticketId', id, 'accountId', 'bench', 'subject', 'Load test ticket',
        'description', 'created by pgbench', 'severity', cast(:severity as int), 'state', 'NEW', 'channel', 'API',
        'category', 'DEFECT', 'priority', null, 'risk', null, 'policy', 'inflectra', 'policyVersion', 1,
        'plan', 'standard', 'timeZone', 'UTC', 'productId', null, 'version', null, 'instanceId', null,
        'environment', null, 'flags', json_build_array(), 'escalationLevel', 'SUPPORT', 'createdBy', 'pgbench',
        'createdAt', created_at)::text
from ticket
returning id as outbox_id \gset
update bench_outbox set published_at = now() where id = :outbox_id;
end;
