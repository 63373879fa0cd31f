package io.tunemeld.ingest.raw;

import io.tunemeld.ingest.source.FetchedPlaylist;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class RawPayloadRepository {

    private static final RowMapper<StoredPayload> ROW = (rs, row) -> new StoredPayload(rs.getLong("id"), rs.getString("genre"),
            rs.getString("service"), rs.getString("source"), rs.getString("source_ref"), rs.getString("content_hash"),
            rs.getString("payload"), rs.getTimestamp("fetched_at").toInstant(), rs.getBoolean("published"));

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
                .query(ROW).single();
    }

    /** The payloads a run stored or found unchanged, for re-publishing without the APIs. */
    public List<StoredPayload> ofRun(UUID runId) {
        return select("where id in (select raw_payload_id from ingest_run_playlists where run_id = :run)", "run", runId);
    }

    /** The payloads first fetched at or after a time. */
    public List<StoredPayload> since(Instant since) {
        return select("where fetched_at >= :since", "since", Timestamp.from(since));
    }

    private List<StoredPayload> select(String where, String name, Object value) {
        return jdbc.sql("""
                select id, genre, service, source, source_ref, content_hash, payload, fetched_at, published_at is not null as published
                from raw_payloads""" + " " + where + " order by fetched_at, id")
                .param(name, value)
                .query(ROW).list();
    }

    public void markPublished(long id, Instant at) {
        jdbc.sql("update raw_payloads set published_at = :at where id = :id and published_at is null")
                .param("at", Timestamp.from(at))
                .param("id", id)
                .update();
    }
}
