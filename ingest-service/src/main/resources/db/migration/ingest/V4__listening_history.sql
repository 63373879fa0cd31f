-- Spotify listening history: every play once (Spotify's recently-played, read as a delta).
create table play_history (
    user_name        text        not null,
    spotify_track_id text        not null,
    played_at        timestamptz not null,
    isrc             text,
    title            text        not null,
    artists          text[]      not null,
    context_type     text,
    context_uri      text,
    primary key (user_name, spotify_track_id, played_at)
);

-- Where each listener's next read starts: plays after this time only.
create table listening_cursors (
    user_name    text primary key,
    played_after timestamptz not null,
    updated_at   timestamptz not null
);

-- Playlists listeners played from, fetched by the playlist source (again once their last fetch is a week old).
create table discovered_playlists (
    playlist_id   text primary key,
    user_name     text        not null,
    discovered_at timestamptz not null
);
