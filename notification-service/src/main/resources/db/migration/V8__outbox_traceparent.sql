-- W3C trace context of the span that wrote each event (an HTTP request or a consumed event); the
-- relay publishes it as the CloudEvents extension ce_traceparent. Null in rows written outside any
-- request or event (and in rows older than the column): the relay starts a new trace for those.
alter table outbox add column traceparent text;

-- The trace of the event a delivery was planned from: its webhook requests send it on as the
-- traceparent header.
alter table deliveries add column traceparent text;
