-- ITC-CRD-8: what the support fees of a contract year need from contracts.v1: the contract's start
-- (contract years count from it), its end, and the optional licence price with its currency.
alter table contracts add column starts_on date;
alter table contracts add column ends_on date;
alter table contracts add column licence_price numeric;
alter table contracts add column licence_currency text;
