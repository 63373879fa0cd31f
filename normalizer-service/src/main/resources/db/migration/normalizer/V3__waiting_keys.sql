-- What an entry left on a fallback key waits for ("title:artist", one per artist and reading), so that
-- when the catalog learns a song only the snapshots waiting for it are resolved again. Null for entries
-- resolved before this column existed: those are resolved again whatever the catalog learns.
alter table service_tracks add column waiting_for text[];
create index service_tracks_waiting on service_tracks using gin (waiting_for) where match_method = 'FALLBACK';
