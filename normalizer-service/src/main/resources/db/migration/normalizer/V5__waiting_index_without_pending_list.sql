-- The waiting look-up runs for every snapshot handled. A GIN index with fastupdate keeps new entries in a
-- pending list until vacuum merges them, and every query scans that whole list: the look-up grew with the
-- entries written since the last vacuum (the benchmark's largest PostgreSQL cost). Entries go straight
-- into the index instead.
alter index service_tracks_waiting set (fastupdate = off);
select gin_clean_pending_list('service_tracks_waiting'::regclass);
