-- What the enrichment cascade found of a track (TrackEnriched), as the API serves it; the newest event wins.
create table track_details (
    track_key   text primary key,
    body        json        not null,
    enriched_at timestamptz not null
);
