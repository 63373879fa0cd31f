-- Spotify search results, kept forever (an empty result too), so each query is asked once.
create table search_cache (
    query       text primary key,
    hits        jsonb       not null,
    searched_at timestamptz not null
);
