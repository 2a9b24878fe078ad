-- NTF-1: when a ticket's targets were met, from tickets.v1 state changes (the rules of sla-timer-service:
-- first response = any transition out of NEW; workaround = to WORKAROUND_PROVIDED, RESOLVED or CLOSED;
-- resolution = to RESOLVED or CLOSED; a reopen runs workaround and resolution again). A warning or an
-- escalation of a target met before it fired sends nothing; one still pending when the target is met
-- is cancelled.
create table ticket_targets_met (
    ticket_id uuid        not null,
    target    text        not null,
    met_at    timestamptz not null,
    primary key (ticket_id, target)
);

-- ITC-LIFE-4: the products' release dates (compacted products.v1, newer revisions only) and the
-- versions each account licenses (contracts.v1; '*' = every version of the product).
create table products (
    product_id text primary key,
    name       text,
    revision   integer not null
);

create table product_releases (
    product_id               text not null references products (product_id) on delete cascade,
    version                  text not null,
    end_of_sales             date,
    end_of_mainstream_support date,
    end_of_life              date,
    primary key (product_id, version)
);

create table account_products (
    account_id text not null references account_contracts (account_id) on delete cascade,
    product_id text not null,
    version    text not null,
    primary key (account_id, product_id, version)
);
create index account_products_by_product on account_products (product_id);

-- One lifecycle notice per account, product version, milestone and date, due six months before the
-- date. Planned (its deliveries inserted) in the same transaction that marks it PLANNED, so a restart
-- neither skips nor repeats one. A changed date cancels the scheduled row of the old date and
-- schedules the new one; a notice already sent for the old date stays sent.
create table lifecycle_notices (
    id             uuid        primary key,
    account_id     text        not null,
    product_id     text        not null,
    version        text        not null,
    milestone      text        not null check (milestone in ('EOS', 'EOMS', 'EOL')),
    milestone_date date        not null,
    due_at         timestamptz not null,
    state          text        not null default 'SCHEDULED' check (state in ('SCHEDULED', 'PLANNED', 'CANCELLED')),
    planned_at     timestamptz,
    unique (account_id, product_id, version, milestone, milestone_date)
);
create index lifecycle_notices_due on lifecycle_notices (due_at) where state = 'SCHEDULED';
