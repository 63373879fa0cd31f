-- A computed aggregate is identified by its content: recomputing it (a replay) adds nothing.
alter table aggregates add constraint aggregates_genre_fingerprint unique (genre, fingerprint);

-- Every entry of every distinct aggregate, for chart statistics (previous and peak rank, days on list).
create table aggregate_entries (
    aggregate_id bigint      not null references aggregates (id),
    genre        text        not null,
    computed_at  timestamptz not null,
    track_key    text        not null,
    rank         int         not null,
    primary key (aggregate_id, track_key)
);

create index aggregate_entries_genre_track on aggregate_entries (genre, track_key);
