-- QNT-AVL-6: an account's public status page exists only when the account publishes it,
-- under a slug it chooses or an unguessable one; /status/{slug} answers a uniform 404 otherwise.
create table status_pages (
    account_id   text primary key,
    slug         text        not null unique,
    published_at timestamptz not null,
    published_by text        not null
);
