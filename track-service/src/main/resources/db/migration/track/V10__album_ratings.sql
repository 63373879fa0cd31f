-- An album's ratings on albumoftheyear.org (the album-ratings enrichment step), by the album's key: its
-- first artist and title as Spotify names them, folded. Scores are null where the site shows none.
create table albums (
    album_key      text primary key,
    artist         text             not null,
    title          text             not null,
    url            text,
    critic_score   double precision,
    critic_reviews int,
    user_score     double precision,
    user_ratings   int,
    genres         text[]           not null default '{}',
    rated_at       timestamptz
);

-- which album a track's metadata names, to send its tracks again when the album is rated
alter table track_metadata add column album_key text;
create index track_metadata_album on track_metadata (album_key);
