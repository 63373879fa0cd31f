-- The snapshot in force per (genre, service): the newest fetched.
create table latest_snapshots (
    genre           text        not null,
    service         text        not null,
    snapshot_id     text        not null,
    fetched_at      timestamptz not null,
    playlist_length int         not null,
    entries         jsonb       not null,
    primary key (genre, service)
);

-- Every distinct aggregate computed, newest last per genre.
create table aggregates (
    id          bigserial primary key,
    genre       text        not null,
    computed_at timestamptz not null,
    strategy    text        not null,
    fingerprint text        not null,
    entries     jsonb       not null
);

create index aggregates_genre on aggregates (genre, id desc);
