-- The version of each stored track, and of each track gone under its key (re-keyed): an older state of
-- a key, published late by another track-service replica, must not bring it back or overwrite a newer one.
alter table tracks add column version bigint not null default 0;

create table replaced_tracks (
    track_key text primary key,
    version   bigint not null
);
