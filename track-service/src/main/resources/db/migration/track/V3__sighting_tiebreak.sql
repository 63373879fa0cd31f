-- A track can be sighted on one service in several playlists fetched at the same time (two genres);
-- the snapshot id breaks the tie, so the row kept does not depend on the order events arrive in.
alter table service_tracks add column snapshot_id text not null default '';
