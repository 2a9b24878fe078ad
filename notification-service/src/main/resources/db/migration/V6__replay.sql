-- Manual replay of a dead delivery (POST /api/v1/deliveries/{id}/replay): the delivery goes back to
-- PENDING, keeps its id and its tries, and gets a fresh series of max-attempts tries with back-off.
-- retry_from = the number of tries before the series under way (0 until a replay).
alter table deliveries add column retry_from integer not null default 0;
alter table deliveries add column replayed_at timestamptz;
alter table deliveries add column replayed_by text;
