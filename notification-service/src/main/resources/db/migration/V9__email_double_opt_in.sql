-- Double opt-in for email subscriptions (issue 17): an address that is not a contact of the account
-- receives a confirmation mail and no notice until the token in it is confirmed. The token is stored
-- only as its SHA-256 hash, single-use (cleared when confirmed), with an expiry. Subscriptions made
-- before this migration (and every webhook) count as confirmed when they were made.
alter table subscriptions add column confirmed_at timestamptz;
alter table subscriptions add column confirm_token_hash bytea;
alter table subscriptions add column confirm_expires_at timestamptz;
update subscriptions set confirmed_at = created_at;
