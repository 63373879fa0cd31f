-- When each entry's stored resolution was made, announced with it: an entry resolved as before (a record handled
-- again, an entry a re-resolution left as it was) is announced with the same time, so a replay changes nothing
-- downstream. Earlier entries keep the epoch, as the events announcing them did.
alter table service_tracks add column resolved_at timestamptz not null default 'epoch';
