-- Look-ups of any service (YouTube, SoundCloud), kept forever; url is null when the search found nothing
-- (never a placeholder). The YouTube tables' rows move over.
create table url_lookups (
    service      text        not null,
    track_key    text        not null,
    query        text        not null,
    url          text,
    looked_up_at timestamptz not null,
    primary key (service, track_key)
);
insert into url_lookups (service, track_key, query, url, looked_up_at)
select 'youtube', track_key, query, video_url, looked_up_at from youtube_lookups;

-- Search calls made per service and UTC day, against each service's daily budget.
create table lookup_budget (
    service text not null,
    day     date not null,
    calls   int  not null,
    primary key (service, day)
);
insert into lookup_budget (service, day, calls) select 'youtube', day, calls from youtube_budget;

drop table youtube_lookups;
drop table youtube_budget;
