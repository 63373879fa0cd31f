-- When each playlist was last fetched from its API, and what came back (the payload is in raw_payloads).
create table fetch_cache (
    service      text        not null,
    ref          text        not null,
    genre        text        not null,
    content_hash text        not null,
    fetched_at   timestamptz not null,
    primary key (service, ref)
);
