-- Every payload as fetched, once per distinct content of a playlist, so any run can be re-published
-- without calling the APIs again.
create table raw_payloads (
    id           bigserial primary key,
    genre        text        not null,
    service      text        not null,
    source       text        not null,
    source_ref   text        not null,
    content_hash text        not null,
    payload      text        not null,
    fetched_at   timestamptz not null,
    first_run_id uuid        not null,
    published_at timestamptz,
    unique (genre, service, content_hash)
);

create table ingest_runs (
    id          uuid primary key,
    trigger     text        not null,
    source      text        not null,
    started_at  timestamptz not null,
    finished_at timestamptz
);

create table ingest_run_playlists (
    run_id         uuid not null references ingest_runs (id),
    genre          text not null,
    service        text not null,
    outcome        text not null,
    detail         text,
    raw_payload_id bigint references raw_payloads (id),
    primary key (run_id, genre, service)
);
