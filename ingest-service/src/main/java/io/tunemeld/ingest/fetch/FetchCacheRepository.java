package io.tunemeld.ingest.fetch;

import io.tunemeld.ingest.source.PlaylistRef;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class FetchCacheRepository {

    private final JdbcClient jdbc;

    FetchCacheRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Instant> lastFetched(PlaylistRef playlist) {
        return jdbc.sql("select fetched_at from fetch_cache where service = :service and ref = :ref")
                .param("service", playlist.service().slug()).param("ref", playlist.ref())
                .query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    public void record(PlaylistRef playlist, String contentHash, Instant fetchedAt) {
        jdbc.sql("""
                insert into fetch_cache (service, ref, genre, content_hash, fetched_at) values (:service, :ref, :genre, :hash, :at)
                on conflict (service, ref) do update set genre = excluded.genre, content_hash = excluded.content_hash,
                    fetched_at = excluded.fetched_at""")
                .param("service", playlist.service().slug()).param("ref", playlist.ref()).param("genre", playlist.genre())
                .param("hash", contentHash).param("at", Timestamp.from(fetchedAt))
                .update();
    }
}
