package io.tunemeld.ingest.run;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class IngestRunRepository {

    private final JdbcClient jdbc;

    IngestRunRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void start(UUID id, String trigger, String source, Instant at) {
        jdbc.sql("insert into ingest_runs (id, trigger, source, started_at) values (:id, :trigger, :source, :at)")
                .param("id", id).param("trigger", trigger).param("source", source).param("at", Timestamp.from(at))
                .update();
    }

    void record(UUID runId, PlaylistOutcome outcome, Long rawPayloadId) {
        jdbc.sql("""
                insert into ingest_run_playlists (run_id, genre, service, outcome, detail, raw_payload_id, duration_ms)
                values (:run, :genre, :service, :outcome, :detail, :raw, :duration)
                on conflict (run_id, genre, service) do update set outcome = excluded.outcome, detail = excluded.detail,
                    raw_payload_id = excluded.raw_payload_id, duration_ms = excluded.duration_ms""")
                .param("run", runId).param("genre", outcome.genre()).param("service", outcome.service())
                .param("outcome", outcome.status().name()).param("detail", outcome.detail()).param("raw", rawPayloadId)
                .param("duration", outcome.durationMs())
                .update();
    }

    void finish(UUID id, Instant at) {
        jdbc.sql("update ingest_runs set finished_at = :at where id = :id")
                .param("at", Timestamp.from(at)).param("id", id).update();
    }

    /** The last run that finished, other than a republish (which fetches nothing): when, and how many of its playlists failed. */
    Optional<LastRun> lastFinished() {
        return jdbc.sql("""
                select r.finished_at, (select count(*) from ingest_run_playlists p where p.run_id = r.id and p.outcome = 'FAILED') failed
                from ingest_runs r where r.finished_at is not null and r.trigger <> 'republish'
                order by r.finished_at desc limit 1""")
                .query((rs, row) -> new LastRun(rs.getTimestamp("finished_at").toInstant(), rs.getInt("failed")))
                .optional();
    }

    record LastRun(Instant finishedAt, int failedPlaylists) {
    }

    public Optional<IngestRun> find(UUID id) {
        return jdbc.sql("select id, trigger, source, started_at, finished_at from ingest_runs where id = :id")
                .param("id", id)
                .query((rs, row) -> new IngestRun(rs.getObject("id", UUID.class), rs.getString("trigger"),
                        rs.getString("source"), rs.getTimestamp("started_at").toInstant(),
                        Optional.ofNullable(rs.getTimestamp("finished_at")).map(Timestamp::toInstant).orElse(null),
                        outcomes(id)))
                .optional();
    }

    public List<IngestRun> recent(int limit) {
        return jdbc.sql("select id from ingest_runs order by started_at desc limit :limit")
                .param("limit", limit)
                .query(UUID.class).list().stream()
                .map(id -> find(id).orElseThrow())
                .toList();
    }

    private List<PlaylistOutcome> outcomes(UUID runId) {
        return jdbc.sql("""
                select genre, service, outcome, detail, duration_ms from ingest_run_playlists where run_id = :run
                order by genre, service""")
                .param("run", runId)
                .query((rs, row) -> new PlaylistOutcome(rs.getString("genre"), rs.getString("service"),
                        PlaylistOutcome.Status.valueOf(rs.getString("outcome")), rs.getString("detail"),
                        (Long) rs.getObject("duration_ms")))
                .list();
    }
}
