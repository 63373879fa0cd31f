-- The title keys an entry left on a fallback key could match under, so that when the catalog learns a
-- title only the snapshots waiting for it are resolved again. Null for entries resolved before this
-- column existed: those are resolved again whatever the catalog learns.
alter table service_tracks add column title_keys text[];
create index service_tracks_waiting on service_tracks using gin (title_keys) where match_method = 'FALLBACK';
