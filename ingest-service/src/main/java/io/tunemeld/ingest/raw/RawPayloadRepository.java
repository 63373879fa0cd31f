package io.tunemeld.ingest.raw;

import io.tunemeld.ingest.source.FetchedPlaylist;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class RawPayloadRepository {

    private final JdbcClient jdbc;

    RawPayloadRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the payload unless the same content of the same playlist is already stored, and returns the
     * stored row either way (the first fetch time of a content is kept, so its event stays the same).
     */
    public StoredPayload store(FetchedPlaylist playlist, String contentHash, UUID runId) {
        jdbc.sql("""
                insert into raw_payloads (genre, service, source, source_ref, content_hash, payload, fetched_at, first_run_id)
                values (:genre, :service, :source, :sourceRef, :hash, :payload, :fetchedAt, :runId)
                on conflict (genre, service, content_hash) do nothing""")
                .param("genre", playlist.genre())
                .param("service", playlist.service().slug())
                .param("source", playlist.source())
                .param("sourceRef", playlist.sourceRef())
                .param("hash", contentHash)
                .param("payload", playlist.payload())
                .param("fetchedAt", Timestamp.from(playlist.fetchedAt()))
                .param("runId", runId)
                .update();
        return jdbc.sql("""
                select id, genre, service, source, source_ref, content_hash, payload, fetched_at, published_at is not null as published
                from raw_payloads where genre = :genre and service = :service and content_hash = :hash""")
                .param("genre", playlist.genre())
                .param("service", playlist.service().slug())
                .param("hash", contentHash)
                .query((rs, row) -> new StoredPayload(rs.getLong("id"), rs.getString("genre"), rs.getString("service"),
                        rs.getString("source"), rs.getString("source_ref"), rs.getString("content_hash"),
                        rs.getString("payload"), rs.getTimestamp("fetched_at").toInstant(), rs.getBoolean("published")))
                .single();
    }

    public void markPublished(long id, Instant at) {
        jdbc.sql("update raw_payloads set published_at = :at where id = :id and published_at is null")
                .param("at", Timestamp.from(at))
                .param("id", id)
                .update();
    }
}
