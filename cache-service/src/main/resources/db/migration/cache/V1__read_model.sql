-- What the API serves, as documents; Redis holds the same documents under one key each.
create table aggregates (
    genre       text primary key,
    computed_at timestamptz not null,
    body        jsonb       not null
);

create table playlists (
    genre      text        not null,
    service    text        not null,
    fetched_at timestamptz not null,
    body       jsonb       not null,
    primary key (genre, service)
);

create table tracks (
    track_key text primary key,
    isrc      text,
    body      jsonb not null
);

create index tracks_isrc on tracks (isrc);
