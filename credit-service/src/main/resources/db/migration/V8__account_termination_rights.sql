-- IS-CRD-5 is judged on the account's months (its instances combined, as its credits are: docs/policies.md,
-- Credit readings): each right, named by its condition and months, is published once per account.
-- termination_rights keeps the rights granted per instance before this reading.
create table account_termination_rights (
    account_id text        not null,
    right_key  text        not null,
    granted_at timestamptz not null,
    primary key (account_id, right_key)
);
