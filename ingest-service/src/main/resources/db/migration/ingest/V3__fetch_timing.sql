-- How long each playlist took in a run (fetching or reading, storing, publishing).
alter table ingest_run_playlists add column duration_ms bigint;
