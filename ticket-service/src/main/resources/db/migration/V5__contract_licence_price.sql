-- ITC-CRD-8: the optional licence price of a contract, in the contract's currency; support fees per
-- contract year are a share of it (computed by credit-service from contracts.v1).
alter table contracts add column licence_price numeric(19, 4);
alter table contracts add column licence_currency text;
alter table contracts add constraint contracts_licence_price_whole
    check ((licence_price is null) = (licence_currency is null) and (licence_price is null or licence_price > 0));
