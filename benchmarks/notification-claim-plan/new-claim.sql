-- DeliveryLeases.CLAIM since V5, with its parameters filled in: 64 per endpoint, nothing in flight, 256 rows.
begin;
explain (analyze, buffers, costs off, timing on, summary on)
with recursive endpoints (endpoint) as (
    (select endpoint from deliveries where state = 'PENDING' order by endpoint limit 1)
    union all
    select (select d.endpoint from deliveries d
             where d.state = 'PENDING' and d.endpoint > e.endpoint order by d.endpoint limit 1)
      from endpoints e where e.endpoint is not null
), slots as (
    select e.endpoint, 64 - coalesce(b.in_flight, 0) as free
      from endpoints e left join unnest('{}'::text[], '{}'::int[]) as b (endpoint, in_flight)
           on b.endpoint = e.endpoint
     where e.endpoint is not null
), candidates as (
    select c.id, c.subscription_id from slots s cross join lateral (
        select d.id, d.next_attempt_at, d.subscription_id from deliveries d
         where d.state = 'PENDING' and d.endpoint = s.endpoint and d.next_attempt_at <= now()
           and (d.claimed_until is null or d.claimed_until < now())
         order by d.next_attempt_at, d.id
         limit greatest(s.free, 0)
           for update skip locked
    ) c
    order by c.next_attempt_at, c.id
    limit 256
)
update deliveries d
   set claim_token = gen_random_uuid(), claimed_until = now() + 60000 * interval '1 millisecond'
  from candidates c left join subscriptions s on s.id = c.subscription_id
 where d.id = c.id
returning d.id, d.account_id, d.subscription_id, d.channel, d.recipient, d.endpoint, d.notice,
          d.event_id, d.event_type, d.event_source, d.event_subject, d.event_time, d.payload,
          d.in_reply_to, d.attempts, d.retry_from,
          s.secret, s.secret_sealed;
rollback;
