-- A snapshot resolved again after the catalog grew is announced again, with the same time and snapshot: the
-- resolution's own time orders the two announcements, whichever partition delivers first. Rows from before
-- it was carried keep the epoch, as their events do.
alter table service_tracks add column resolved_at timestamptz not null default 'epoch';
