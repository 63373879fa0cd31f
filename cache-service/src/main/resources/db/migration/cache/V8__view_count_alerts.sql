-- A day's change far outside the track's trailing days, as track-service flagged it: spike or drop, and the
-- trailing average it was compared with.
alter table view_counts add column alert text, add column alert_trailing_average double precision;
