-- IS-TKT-5 unsupported platforms: the platforms a product supports (comma-separated platform ids,
-- empty while not recorded) and the platform a ticket's installation runs on.
alter table products add column platforms text not null default '';
alter table tickets add column platform text;
