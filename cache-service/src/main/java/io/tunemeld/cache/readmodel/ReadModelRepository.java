package io.tunemeld.cache.readmodel;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The read model in PostgreSQL: the source of truth behind Redis. Documents are JSON text. */
@Repository
public class ReadModelRepository {

    private final JdbcClient jdbc;

    ReadModelRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return whether it was stored (an aggregate older than the one held is ignored) */
    boolean saveAggregate(String genre, Instant computedAt, String body) {
        return jdbc.sql("""
                insert into aggregates (genre, computed_at, body) values (:genre, :at, cast(:body as jsonb))
                on conflict (genre) do update set computed_at = excluded.computed_at, body = excluded.body
                where aggregates.computed_at <= excluded.computed_at""")
                .param("genre", genre).param("at", Timestamp.from(computedAt)).param("body", body)
                .update() > 0;
    }

    boolean savePlaylist(String genre, String service, Instant fetchedAt, String body) {
        return jdbc.sql("""
                insert into playlists (genre, service, fetched_at, body) values (:genre, :service, :at, cast(:body as jsonb))
                on conflict (genre, service) do update set fetched_at = excluded.fetched_at, body = excluded.body
                where playlists.fetched_at <= excluded.fetched_at""")
                .param("genre", genre).param("service", service).param("at", Timestamp.from(fetchedAt)).param("body", body)
                .update() > 0;
    }

    void saveTrack(String trackKey, String isrc, String body) {
        jdbc.sql("""
                insert into tracks (track_key, isrc, body) values (:key, :isrc, cast(:body as jsonb))
                on conflict (track_key) do update set isrc = excluded.isrc, body = excluded.body""")
                .param("key", trackKey).param("isrc", isrc).param("body", body)
                .update();
    }

    Optional<String> aggregate(String genre) {
        return jdbc.sql("select body::text from aggregates where genre = :genre").param("genre", genre)
                .query(String.class).optional();
    }

    Optional<String> playlist(String genre, String service) {
        return jdbc.sql("select body::text from playlists where genre = :genre and service = :service")
                .param("genre", genre).param("service", service).query(String.class).optional();
    }

    List<String> tracks(Collection<String> trackKeys) {
        return jdbc.sql("select body::text from tracks where track_key = any(:keys)")
                .param("keys", trackKeys.toArray(String[]::new)).query(String.class).list();
    }

    Optional<String> trackKeyOfIsrc(String isrc) {
        return jdbc.sql("select track_key from tracks where isrc = :isrc order by track_key = :isrc desc, track_key limit 1")
                .param("isrc", isrc).query(String.class).optional();
    }

    List<String> genres() {
        return jdbc.sql("select genre from aggregates union select genre from playlists order by 1").query(String.class).list();
    }
}
