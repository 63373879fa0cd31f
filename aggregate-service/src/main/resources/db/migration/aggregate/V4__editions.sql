-- An ingest run's edition of a genre: the editorial playlists the run published of it. The genre is ranked
-- once their snapshots are all in, not once per snapshot as they arrive.
create table edition_playlists (
    run_id   text        not null,
    genre    text        not null,
    service  text        not null,
    -- the run's RunFinished names it
    expected boolean     not null default false,
    -- its snapshot came
    arrived  boolean     not null default false,
    since    timestamptz not null default now(),
    primary key (run_id, genre, service)
);

create index edition_playlists_since on edition_playlists (since);

-- The runs whose RunFinished came: their editions know every playlist they wait for.
create table finished_runs (
    run_id      text        primary key,
    finished_at timestamptz not null default now()
);
