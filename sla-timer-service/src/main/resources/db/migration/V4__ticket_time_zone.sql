-- The customer's time zone at the ticket's creation (ticket.created timeZone): the monthly report of an
-- account counts its months in that zone, not in UTC. Null for tickets recorded before this column.
alter table tracked_tickets add column time_zone text;
