-- The runs an operator was told of: a redelivered or replayed RunFinished is not posted again.
create table notified_runs (
    event_id    text primary key,
    notified_at timestamptz not null
);
