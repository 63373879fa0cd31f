-- The enrichment cascade, one row per subject (a track key, or a Spotify artist id) and step: when the step
-- is next due (first run, a delay, a retry, or a refresh once the result is old), when its request went
-- out, and how its last attempt ended. Polled by due_at.
create table enrichment_steps (
    subject      text        not null,
    step         text        not null,
    -- the genres the subject was seen in, which decide the per-genre settings
    genres       text[]      not null,
    due_at       timestamptz not null,
    -- a request left unanswered (lost in a crash) goes out again after a while
    requested_at timestamptz,
    force        boolean     not null default false,
    -- the last success (found, or known not to be there); null until one
    done_at      timestamptz,
    attempted_at timestamptz,
    outcome      text,
    detail       text,
    primary key (subject, step)
);
create index enrichment_steps_due on enrichment_steps (due_at);
-- the requests in flight, which the poll counts to keep their number bounded
create index enrichment_steps_awaiting on enrichment_steps (requested_at) where requested_at >= due_at;

-- A track's Spotify metadata, as last fetched.
create table track_metadata (
    track_key    text primary key,
    spotify_id   text        not null,
    album        text,
    -- as precise as Spotify knows it: 2024, 2024-05 or 2024-05-17
    release_date text,
    duration_ms  bigint,
    -- null where Spotify gives none: unknown, never zero
    popularity   int,
    explicit     boolean,
    artist_ids   text[]      not null,
    artist_names text[]      not null,
    fetched_at   timestamptz not null
);
create index track_metadata_artists on track_metadata using gin (artist_ids);

-- An artist's Spotify metadata, as last fetched.
create table artists (
    artist_id  text primary key,
    name       text        not null,
    genres     text[]      not null,
    popularity int,
    followers  bigint,
    fetched_at timestamptz not null
);
