-- The first credited artist: a SoundCloud upload crediting only the primary artist matches the full
-- credit by it. Null for entries learnt before; filled in when the entry is learnt again.
alter table catalog add column primary_artist text;
