-- A track whose every sighting moved to another key (a fallback key re-keyed to an ISRC) stays as a row
-- naming that key, so its retirement is announced again with each sighting of the new key: a crash between
-- the commit and the publish cannot lose it.
alter table tracks add column replaced_by text;
create index tracks_replaced_by on tracks (replaced_by) where replaced_by is not null;
-- a service's page seen under two keys is found through its URL
create index service_tracks_page on service_tracks (service, url);
