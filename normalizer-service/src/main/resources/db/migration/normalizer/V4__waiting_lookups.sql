-- The look-ups behind "which snapshots in force wait for these songs": the entries that predate the
-- record of what they wait for, and the snapshot in force by its id.
create index service_tracks_waiting_unrecorded on service_tracks (snapshot_id)
    where match_method = 'FALLBACK' and waiting_for is null;
create index latest_snapshots_snapshot on latest_snapshots (snapshot_id);
