package io.tunemeld.ingest.history;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class PlayHistoryRepository {

    private static final String ARTIST_SEPARATOR = "\u001f";

    private final JdbcClient jdbc;

    PlayHistoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Instant> cursor(String user) {
        return jdbc.sql("select played_after from listening_cursors where user_name = :user").param("user", user)
                .query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    /** @return the plays not stored before (a play is a user, a track and a time) */
    int save(String user, List<Play> plays) {
        if (plays.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                insert into play_history (user_name, spotify_track_id, played_at, isrc, title, artists, context_type, context_uri)
                select :user, t, p, i, n, string_to_array(a, :separator), ct, cu
                from unnest(cast(:tracks as text[]), cast(:played as timestamptz[]), cast(:isrcs as text[]), cast(:titles as text[]),
                    cast(:artists as text[]), cast(:contextTypes as text[]), cast(:contextUris as text[])) as x(t, p, i, n, a, ct, cu)
                on conflict do nothing""")
                .param("user", user).param("separator", ARTIST_SEPARATOR)
                .param("tracks", plays.stream().map(Play::trackId).toArray(String[]::new))
                .param("played", plays.stream().map(p -> Timestamp.from(p.playedAt())).toArray(Timestamp[]::new))
                .param("isrcs", plays.stream().map(Play::isrc).toArray(String[]::new))
                .param("titles", plays.stream().map(Play::title).toArray(String[]::new))
                .param("artists", plays.stream().map(p -> String.join(ARTIST_SEPARATOR, p.artists())).toArray(String[]::new))
                .param("contextTypes", plays.stream().map(Play::contextType).toArray(String[]::new))
                .param("contextUris", plays.stream().map(Play::contextUri).toArray(String[]::new))
                .update();
    }

    void advance(String user, Instant playedAfter, Instant now) {
        jdbc.sql("""
                insert into listening_cursors (user_name, played_after, updated_at) values (:user, :after, :now)
                on conflict (user_name) do update set played_after = greatest(listening_cursors.played_after, excluded.played_after),
                    updated_at = excluded.updated_at""")
                .param("user", user).param("after", Timestamp.from(playedAfter)).param("now", Timestamp.from(now))
                .update();
    }

    /** @return the playlists not known before */
    int discover(String user, Collection<String> playlistIds, Instant now) {
        if (playlistIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                insert into discovered_playlists (playlist_id, user_name, discovered_at)
                select id, :user, :now from unnest(cast(:ids as text[])) as x(id)
                on conflict do nothing""")
                .param("user", user).param("now", Timestamp.from(now)).param("ids", playlistIds.toArray(String[]::new))
                .update();
    }

    List<String> discoveredPlaylists() {
        return jdbc.sql("select playlist_id from discovered_playlists order by discovered_at, playlist_id").query(String.class).list();
    }
}
