-- QNT-CRD-1, issue 18: the contract's one-time fees (ContractChanged.oneTimeFees: setup, professional
-- services), with the day each was charged, as of the applied contract revision. Whether they are part of
-- a credit's basis is the policy's credits.oneTimeFeesExcluded (every shipped policy excludes them).
create table contract_one_time_fees (
    account_id  text    not null,
    position    int     not null,
    description text,
    amount      numeric not null,
    charged_on  date,
    primary key (account_id, position)
);
