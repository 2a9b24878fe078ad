-- ITC-LIFE-3: in extended support only vulnerabilities and critical bugs are fixed free; other fixes
-- are "subject to payment" under an additional agreement. A defect filed in extended support keeps the
-- price per fix its contract's agreement named on the day it was filed (null: no agreement prices it).
alter table tickets add column fix_price numeric(19, 4);
alter table tickets add column fix_currency text;
alter table tickets add constraint tickets_fix_price_whole
    check ((fix_price is null) = (fix_currency is null) and (fix_price is null or fix_price > 0));
