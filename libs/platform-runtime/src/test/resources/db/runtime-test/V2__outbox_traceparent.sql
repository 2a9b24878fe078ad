-- What every service adds after the library's V1_0_0 (e.g. ticket-service V7__outbox_traceparent.sql):
-- the column OutboxRecord and OutboxPublisher read. The library's tests migrate the same schema.
alter table outbox add column traceparent text;
