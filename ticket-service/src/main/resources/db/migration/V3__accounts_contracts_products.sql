-- POL-2: an account holds one contract. Fields other services rebuild their view from are columns;
-- nested lists (fees, instances, licensed products, contacts, partners) are one jsonb document,
-- published whole on contracts.v1. Contact e-mails are stored lower-case: inbound mail is matched on them.
create table accounts (
    id          text        primary key,
    name        text        not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);

create table contracts (
    account_id      text          primary key references accounts (id),
    revision        integer       not null,
    policy          text          not null,
    policy_version  integer       not null,
    plan            text          not null,
    time_zone       text          not null,
    currency        char(3)       not null,
    monthly_charges numeric(19,4) not null check (monthly_charges >= 0),
    billing_cycle   text          not null,
    starts_on       date          not null,
    ends_on         date,
    terms           jsonb         not null,
    updated_at      timestamptz   not null,
    check (ends_on is null or ends_on >= starts_on)
);
-- inbound mail (sender -> contact) and partner scoping (INF-TKT-8) look into the terms document
create index contracts_terms on contracts using gin (terms jsonb_path_ops);

-- IS-LIFE-1: products and their releases x.x.x.x with the milestones of IS-LIFE-2 / ITC-LIFE-3.
create table products (
    id         text        primary key,
    name       text        not null,
    policy     text        not null,
    revision   integer     not null,
    updated_at timestamptz not null
);

create table product_releases (
    product_id                text not null references products (id),
    version                   text not null check (version ~ '^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$'),
    major                     integer not null,
    general_availability      date,
    delivered_on              date,
    end_of_sales              date,
    end_of_mainstream_support date,
    end_of_life               date,
    primary key (product_id, version)
);
