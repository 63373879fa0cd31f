-- The listeners' Spotify profiles and the users around them, read monthly or on demand.
create table spotify_users (
    user_id      text primary key,
    display_name text,
    url          text,
    image_url    text,
    followers    bigint,
    read_at      timestamptz not null
);

-- Which Spotify account each configured listener is; when whom they follow was last checked (null: never,
-- e.g. the listener did not grant user-follow-read).
create table listener_accounts (
    user_name          text primary key,
    spotify_user_id    text        not null references spotify_users,
    read_at            timestamptz not null,
    follows_checked_at timestamptz
);

-- Who owns the playlists listeners played from.
create table playlist_owners (
    playlist_id text primary key,
    owner_id    text        not null references spotify_users,
    name        text,
    url         text,
    read_at     timestamptz not null
);

-- Whom a listener follows among the users known when it was last checked (Spotify answers it for a
-- listener, of users named to it; it lists no one's followed users).
create table user_follows (
    follower_id text        not null references spotify_users,
    followed_id text        not null references spotify_users,
    checked_at  timestamptz not null,
    primary key (follower_id, followed_id)
);

