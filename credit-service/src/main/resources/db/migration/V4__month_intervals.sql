-- QNT-CRD-2: the runs of Unavailable minutes of each version of a measured month, as month-closed.v1
-- sends them (unavailableIntervals): claimed incidents are confirmed against the counted ones. Added
-- with their month, never edited. A month stored before this table (or sent by an availability-service
-- that did not send intervals) has none here: its claims are judged on the month's figures.
create table month_intervals (
    instance_id text        not null,
    month       text        not null,
    version     int         not null,
    starts_at   timestamptz not null,
    ends_at     timestamptz not null,   -- exclusive
    source      text        not null,   -- PROBES, OUTAGE, PROBES_AND_OUTAGE
    cause       text,                   -- the explicit outage's cause; null for PROBES
    excluded    boolean     not null,
    exclusion   text,                   -- the exclusion kind; null when counted
    primary key (instance_id, month, version, starts_at),
    foreign key (instance_id, month, version) references month_results (instance_id, month, version)
);
