-- One plain insert transaction of a ticket-sized row: the ceiling the service is compared with.
\set severity random(1, 4)
insert into bench_tickets (id, account_id, subject, description, severity, state, channel, category, policy,
    policy_version, plan, time_zone, flags, escalation_level, created_by, created_at, updated_at)
values (gen_random_uuid(), 'bench', 'Load test ticket', 'created by pgbench', :severity, 'NEW', 'API', 'DEFECT',
    'inflectra', 1, 'standard', 'UTC', '', 'SUPPORT', 'pgbench', now(), now());
