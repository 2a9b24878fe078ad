-- The business rows of the consumers under test: one row per event an effect applied.
create table effects (
    consumer text not null,
    event_id text not null,
    note     text
);
