-- YouTube look-ups, kept forever; video_url is null when the search found nothing (never a placeholder).
create table youtube_lookups (
    track_key    text primary key,
    query        text        not null,
    video_url    text,
    looked_up_at timestamptz not null
);

-- Search calls made per UTC day, against the configured daily budget (search.list has a small quota).
create table youtube_budget (
    day   date primary key,
    calls int not null
);
