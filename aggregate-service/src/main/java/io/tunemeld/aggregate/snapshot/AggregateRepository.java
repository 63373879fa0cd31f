package io.tunemeld.aggregate.snapshot;

import io.tunemeld.aggregate.ranking.PlaylistSnapshot;
import io.tunemeld.aggregate.ranking.RankedTrack;
import io.tunemeld.schemas.MusicService;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
public class AggregateRepository {

    private static final TypeReference<List<PlaylistSnapshot.Entry>> ENTRIES = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.shared();

    AggregateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the snapshot unless a newer fetch of the same playlist is already in force. */
    void saveLatest(String genre, String snapshotId, PlaylistSnapshot snapshot) {
        jdbc.sql("""
                insert into latest_snapshots (genre, service, snapshot_id, fetched_at, playlist_length, entries)
                values (:genre, :service, :id, :fetchedAt, :length, cast(:entries as jsonb))
                on conflict (genre, service) do update set snapshot_id = excluded.snapshot_id, fetched_at = excluded.fetched_at,
                    playlist_length = excluded.playlist_length, entries = excluded.entries
                where latest_snapshots.fetched_at <= excluded.fetched_at""")
                .param("genre", genre).param("service", snapshot.service().slug()).param("id", snapshotId)
                .param("fetchedAt", Timestamp.from(snapshot.fetchedAt())).param("length", snapshot.length())
                .param("entries", json.writeValueAsString(snapshot.entries()))
                .update();
    }

    List<PlaylistSnapshot> latest(String genre) {
        return jdbc.sql("""
                select service, fetched_at, playlist_length, entries::text as entries from latest_snapshots
                where genre = :genre order by service""")
                .param("genre", genre)
                .query((rs, row) -> new PlaylistSnapshot(MusicService.ofSlug(rs.getString("service")),
                        rs.getTimestamp("fetched_at").toInstant(), rs.getInt("playlist_length"),
                        json.readValue(rs.getString("entries"), ENTRIES)))
                .list();
    }

    Optional<String> latestFingerprint(String genre) {
        return jdbc.sql("select fingerprint from aggregates where genre = :genre order by id desc limit 1")
                .param("genre", genre).query(String.class).optional();
    }

    void saveAggregate(String genre, Instant computedAt, String strategy, String fingerprint, List<RankedTrack> entries) {
        jdbc.sql("""
                insert into aggregates (genre, computed_at, strategy, fingerprint, entries)
                values (:genre, :computedAt, :strategy, :fingerprint, cast(:entries as jsonb))""")
                .param("genre", genre).param("computedAt", Timestamp.from(computedAt)).param("strategy", strategy)
                .param("fingerprint", fingerprint).param("entries", json.writeValueAsString(entries))
                .update();
    }
}
