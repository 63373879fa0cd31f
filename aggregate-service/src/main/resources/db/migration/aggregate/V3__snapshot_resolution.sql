-- A snapshot resolved again after the catalog grew is announced again with the same fetch time; two
-- normalizer replicas may announce its resolutions in either order, and the later resolution is kept.
alter table latest_snapshots add column resolved_at timestamptz not null default 'epoch';
