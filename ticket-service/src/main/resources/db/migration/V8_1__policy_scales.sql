-- IS-TKT-2, IS-LIFE-1: the severity scale and the version scheme are the policy's (a fifth vendor
-- may have three severities or major.minor versions), so the database only keeps their shape.
-- Numbered 8.1 so that it cannot collide with a V8 written on another branch at the same time.
alter table tickets drop constraint tickets_severity_check;
alter table tickets add constraint tickets_severity_check check (severity >= 1);
alter table product_releases drop constraint product_releases_version_check;
alter table product_releases add constraint product_releases_version_check
    check (version ~ '^[0-9]{1,6}(\.[0-9]{1,6}){0,5}$');
