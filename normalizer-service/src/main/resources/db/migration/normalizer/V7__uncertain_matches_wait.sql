-- An entry matched with less than full confidence waits too: a song the catalog learns later may match it
-- better, as a replay, which resolves against the whole catalog, would find.
drop index service_tracks_waiting;
create index service_tracks_waiting on service_tracks using gin (waiting_for) with (fastupdate = off)
    where match_confidence < 1;
