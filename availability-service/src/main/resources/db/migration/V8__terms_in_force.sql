-- POL-3: every contract revision received, so that an outage, a maintenance window and a month are
-- judged under the policy version and plan of when they began, not under the account's current ones.
create table contract_terms (
    account_id     text        not null,
    revision       int         not null,
    since          timestamptz not null,
    policy         text        not null,
    policy_version int         not null,
    plan           text,
    primary key (account_id, revision)
);
-- Accounts registered before this history was kept: their current terms are the earliest there are.
insert into contract_terms (account_id, revision, since, policy, policy_version, plan)
select distinct on (account_id) account_id, contract_revision, timestamptz '1970-01-01 00:00:00+00', policy, policy_version, plan
from instances order by account_id, contract_revision desc;

-- An outage records the policy it is judged under beside the version it already kept.
alter table outages add column policy text;
update outages o set policy = i.policy from instances i where i.instance_id = o.instance_id;
alter table outages alter column policy set not null;

-- AVL-7: a month keeps the policy version and plan it was first closed under for every correction.
alter table month_closes add column policy text, add column policy_version int, add column plan text;
update month_closes c set policy = r.payload::jsonb -> 'result' ->> 'policy',
    policy_version = (r.payload::jsonb -> 'result' ->> 'policyVersion')::int,
    plan = r.payload::jsonb -> 'result' ->> 'plan'
from (select distinct on (instance_id, month) instance_id, month, payload from month_results
      order by instance_id, month, version desc) r
where r.instance_id = c.instance_id and r.month = c.month;

-- AVL-3: the justification an agent or admin gave for emergency maintenance (IS: "a failure to act
-- immediately would lead to harm"); without one, emergency maintenance is not excluded.
alter table maintenance add column justification text;
