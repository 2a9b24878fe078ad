-- ITC-LIFE-4 "Infotecs shall inform users about EOS, EOMS, and EOL ... not later than half a year before
-- the due date": the notice lead of the policy version the account's contract names
-- (entitlements.versionSupport.lifecycle.noticeLead). Null: the policy sets none, and the service's
-- platform.notification.lifecycle.ahead (P6M) applies.
alter table account_contracts add column notice_lead interval;
