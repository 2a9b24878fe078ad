-- The backlog the claim plans were compared on (docs/notification-service.md, "Benchmark"): on an empty
-- database run V2 (deliveries, subscriptions, deliveries_due) and this file, then old-claim.sql; then
-- V5, V6, V7 (`vacuum analyze deliveries`) and new-claim.sql. Both roll back: repeat at will.
-- 10,000 due rows (9,000 for one endpoint, 1,000 over five others) and 50,000 delivered rows.
insert into deliveries (id, delivery_key, account_id, channel, recipient, endpoint, notice, event_id, event_type,
                        event_source, event_time, payload, next_attempt_at)
select gen_random_uuid(), 'k' || i, 'a', 'WEBHOOK', 'http://h/x',
       case when i % 10 = 0 then 'http://other' || (i % 50) || ':80' else 'http://bench:80' end, 'n', 'e' || i, 't', 's',
       now(), '{"a":1,"b":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}',
       now() - interval '1 minute' + i * interval '1 ms'
from generate_series(1, 10000) i;
insert into deliveries (id, delivery_key, account_id, channel, recipient, endpoint, notice, event_id, event_type,
                        event_source, event_time, payload, state)
select gen_random_uuid(), 'd' || i, 'a', 'WEBHOOK', 'http://h/x', 'http://bench:80', 'n', 'e' || i, 't', 's', now(), '{}',
       'DELIVERED'
from generate_series(1, 50000) i;
vacuum analyze deliveries;
