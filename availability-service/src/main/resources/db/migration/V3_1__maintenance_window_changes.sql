-- IS-AVL-4, AVL-3: an account's recurring designated maintenance window, changed with the policy's
-- window-change notice. The windows in effect at an instant are those of the latest change whose
-- effective_at is at or before it, else the policy's. (V3_1 leaves V3 to other work in progress.)
create table maintenance_window_changes (
    id             uuid primary key,
    account_id     text        not null,
    requested_at   timestamptz not null,
    effective_at   timestamptz not null,
    -- the windows, as JSON in the policy's shape: [{id, every, weekday, nth, hours, zone}]
    windows        text        not null,
    requested_by   text        not null,
    policy         text        not null,
    policy_version int         not null,
    check (effective_at >= requested_at)
);
create index maintenance_window_changes_account on maintenance_window_changes (account_id, effective_at);
