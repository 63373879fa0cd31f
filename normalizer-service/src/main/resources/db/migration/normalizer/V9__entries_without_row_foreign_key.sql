-- The foreign key checked the snapshot once per entry row, the larger part of writing a snapshot's entries.
-- Entries are written in one place only, which locks the snapshot's row first in the same transaction and
-- refuses to go on without it; snapshots are never deleted.
alter table service_tracks drop constraint service_tracks_snapshot_id_fkey;
