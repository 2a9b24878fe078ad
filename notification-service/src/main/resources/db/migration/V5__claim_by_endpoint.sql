-- The workers' claim (DeliveryStore.CLAIM) walks the endpoints that have pending rows (a loose index
-- scan: one probe per endpoint) and takes, per endpoint, the oldest due rows up to its free slots
-- from this index, in order: no claim ranks or sorts the whole backlog any more. It replaces
-- deliveries_due (next_attempt_at only), which every claim had to read in full.
create index deliveries_pending_by_endpoint on deliveries (endpoint, next_attempt_at, id) where state = 'PENDING';
drop index deliveries_due;
-- Room on each page for the claim's update (claim_token, claimed_until: no index names them), so that
-- it can be a HOT update that writes no index entry. Applies to pages written from now on.
alter table deliveries set (fillfactor = 80);
