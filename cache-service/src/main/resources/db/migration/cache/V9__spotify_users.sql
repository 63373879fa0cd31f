-- The listeners' Spotify profiles and the users around them, as ingest-service last described each.
create table spotify_users (
    user_id      text primary key,
    display_name text,
    url          text,
    image_url    text,
    followers    bigint,
    -- the TuneMeld listener this account is; null for others
    listener     text,
    -- whom the user follows among the users TuneMeld knows; null where not checked (Spotify answers it for listeners only)
    follows      text[],
    -- [{id, name, url}]: the playlists it owns that a listener played from
    playlists    jsonb       not null,
    read_at      timestamptz not null,
    occurred_at  timestamptz not null
);

create index spotify_users_follows on spotify_users using gin (follows);
