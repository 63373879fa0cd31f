-- Every parsed playlist snapshot (entries as parsed, so they can be resolved again when the catalog grows).
create table snapshots (
    snapshot_id     text primary key,
    genre           text        not null,
    service         text        not null,
    fetched_at      timestamptz not null,
    playlist_length int         not null,
    skipped         int         not null,
    name            text,
    url             text,
    parsed_entries  jsonb       not null
);

-- The snapshot in force per playlist: the newest fetched.
create table latest_snapshots (
    genre       text not null,
    service     text not null,
    snapshot_id text not null references snapshots (snapshot_id),
    primary key (genre, service)
);

-- Each entry of a snapshot with the key it resolved to; a song listed twice keeps its best position.
create table service_tracks (
    snapshot_id      text             not null references snapshots (snapshot_id),
    position         int              not null,
    track_key        text             not null,
    isrc             text,
    match_method     text             not null,
    match_confidence double precision not null,
    primary key (snapshot_id, position),
    unique (snapshot_id, track_key)
);

-- Tracks known with an ISRC, by normalised title and artist set: lets entries without an ISRC join
-- them offline.
create table catalog (
    title_key   text not null,
    artists_key text not null,
    isrc        text not null,
    primary key (title_key, artists_key, isrc)
);
