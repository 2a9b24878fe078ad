-- The claim before V5 (row_number over all due rows), with its parameters filled in: 64 per endpoint, 256 rows.
begin;
explain (analyze, buffers, costs off, timing on, summary on)
with candidates as (
    select id from (
        select id, next_attempt_at,
               row_number() over (partition by endpoint order by next_attempt_at, id) as rank_in_endpoint
        from deliveries
        where state = 'PENDING' and next_attempt_at <= now()
          and (claimed_until is null or claimed_until < now())
          and endpoint <> all('{}'::text[])
    ) ranked
    where rank_in_endpoint <= 64
    order by next_attempt_at, id
    limit 256
), locked as (
    select d.id from deliveries d
    where d.id in (select id from candidates)
      and d.state = 'PENDING' and (d.claimed_until is null or d.claimed_until < now())
    for update skip locked
)
update deliveries d
   set claim_token = gen_random_uuid(), claimed_until = now() + 60000 * interval '1 millisecond'
  from locked
 where d.id = locked.id
returning d.id, d.payload, (select s.secret from subscriptions s where s.id = d.subscription_id) as secret;
rollback;
