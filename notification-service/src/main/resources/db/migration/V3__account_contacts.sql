-- The contacts of every account's contract (POL-2, INF-TKT-7), rebuilt from the compacted
-- contracts.v1 topic: each record is the account's whole contract, applied only when its revision
-- is newer than the one held, so a replay or a late older record changes nothing.
create table account_contracts (
    account_id text        primary key,
    revision   integer     not null,
    changed_at timestamptz not null
);

create table account_contacts (
    account_id text not null references account_contracts (account_id) on delete cascade,
    role       text not null,
    name       text,
    email      text not null,
    primary key (account_id, role, email)
);
