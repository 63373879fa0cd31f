-- When each snapshot's stored resolution was made, announced with it: a record handled again that resolves as
-- before is announced with the same time, so a replay changes nothing downstream. Earlier snapshots keep the
-- epoch, as the events announcing them did.
alter table snapshots add column resolved_at timestamptz not null default 'epoch';
