-- What each service says about a track (the latest sighting per service).
create table service_tracks (
    track_key   text        not null,
    service     text        not null,
    isrc        text,
    title       text        not null,
    artists     text[]      not null,
    album       text,
    artwork_url text,
    url         text,
    seen_at     timestamptz not null,
    primary key (track_key, service)
);

-- One canonical track per key: metadata by service priority, every service URL.
create table tracks (
    track_key       text primary key,
    isrc            text,
    title           text   not null,
    artist          text   not null,
    album           text,
    artwork_url     text,
    spotify_url     text,
    apple_music_url text,
    soundcloud_url  text,
    youtube_url     text,
    services        text[] not null
);

create index tracks_isrc on tracks (isrc);
