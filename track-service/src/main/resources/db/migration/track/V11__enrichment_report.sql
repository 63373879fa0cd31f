-- Where the last report of the enrichment steps ended: each report covers the steps attempted after it and
-- moves it, in one transaction, so that replicas report each attempt once.
create table enrichment_report (
    single         boolean primary key default true check (single),
    reported_until timestamptz not null
);
insert into enrichment_report (reported_until) values (now());
