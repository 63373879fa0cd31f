-- View/play counts: the latest per track and service, and one row per UTC day with the change since the
-- previous recorded day. Keyed by ISRC, whose format the database checks too.
create table view_counts (
    isrc    text        not null check (isrc ~ '^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$'),
    service text        not null,
    count   bigint      not null check (count >= 0),
    updated timestamptz not null,
    primary key (isrc, service)
);

create table historical_view_counts (
    isrc    text   not null check (isrc ~ '^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$'),
    service text   not null,
    date    date   not null,
    count   bigint not null check (count >= 0),
    -- null on the first recorded day: there is nothing to compare with
    delta   bigint,
    unique (isrc, service, date)
);

-- A fetch that failed is recorded here, never as a count of zero.
create table view_count_failures (
    isrc      text        not null,
    service   text        not null,
    date      date        not null,
    reason    text        not null,
    failed_at timestamptz not null,
    primary key (isrc, service, date)
);

-- The scheduled run claims its day, so replicas sharing the schedule fetch once.
create table view_count_runs (
    date       date primary key,
    started_at timestamptz not null
);
