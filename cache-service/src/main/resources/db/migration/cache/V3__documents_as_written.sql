-- json keeps each document's text exactly as written (jsonb re-formats it), so a Redis refilled from
-- here holds the same bytes the events wrote.
alter table aggregates alter column body type json using body::json;
alter table playlists alter column body type json using body::json;
alter table tracks alter column body type json using body::json;
