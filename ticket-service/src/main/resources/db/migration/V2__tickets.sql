-- TKT-4 states; severities 1-4 (IS-TKT-2); channels of IS-TKT-1.
create table tickets (
    id          uuid        primary key,
    account_id  text        not null,
    subject     text        not null,
    description text        not null default '',
    severity    smallint    not null check (severity between 1 and 4),
    state       text        not null,
    channel     text        not null,
    created_by  text        not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);
create index tickets_account_created on tickets (account_id, created_at desc);
