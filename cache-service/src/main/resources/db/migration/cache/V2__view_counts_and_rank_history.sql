-- View counts as the events report them, one row per track, service and UTC day.
create table view_counts (
    isrc       text        not null,
    service    text        not null,
    date       date        not null,
    count      bigint      not null,
    delta      bigint,
    counted_at timestamptz not null,
    primary key (isrc, service, date)
);

-- Every rank a track held in a genre's aggregate, for charts.
create table rank_history (
    genre       text             not null,
    computed_at timestamptz      not null,
    track_key   text             not null,
    isrc        text,
    rank        int              not null,
    score       double precision not null,
    primary key (genre, computed_at, track_key)
);

create index rank_history_isrc on rank_history (isrc, computed_at);
create index rank_history_track_key on rank_history (track_key, computed_at);
