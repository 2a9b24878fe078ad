-- Issue 5, ingest: only each running clock's next timer is armed (its next warning, the breach or the
-- next escalation step), not all of them up front. The armed row carries the rest of the clock's plan
-- (kinds and due times, in firing order); the transaction that fires it arms the first of the rest.
-- Rows armed before this migration have no plan: all their kinds were armed already.
alter table sla_timers add column next_kinds text[], add column next_due timestamptz[];
