package io.tunemeld.aggregate.snapshot;

import io.tunemeld.aggregate.ranking.ChartEntry;
import io.tunemeld.aggregate.ranking.ChartStatistics;
import io.tunemeld.aggregate.ranking.PlaylistSnapshot;
import io.tunemeld.schemas.MusicService;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
public class AggregateRepository {

    private static final TypeReference<List<PlaylistSnapshot.Entry>> ENTRIES = new TypeReference<>() { };
    private static final TypeReference<List<ChartEntry>> CHART = new TypeReference<>() { };

    /*
     * Chart statistics count each earlier day's last aggregate only. An edition's snapshots may arrive apart,
     * each ranked when it comes; which partial rankings exist depends on how the records were batched, so they
     * must not be a track's previous or peak rank. The last aggregate of a day holds every snapshot of it.
     */
    private static final String DAYS_LAST = """
            select max(id) from aggregates where genre = :genre and computed_at < :dayStart
            group by (computed_at at time zone 'UTC')::date""";

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.shared();

    AggregateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Holds the genre until the transaction ends: its snapshots in force, its edition and its ranking are one
     * replica's at a time (a genre's services are keyed apart, so replicas share them; the edition sweep runs
     * beside the listeners). Genres are taken in one order, so two transactions never wait for each other.
     */
    void lock(String genre) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('aggregate-genre'), hashtext(:genre))").param("genre", genre)
                .query((rs, row) -> row).list();
    }

    /**
     * Keeps the snapshot unless a newer fetch of the same playlist, or a later resolution of the same fetch, is
     * already in force: two normalizer replicas may announce one snapshot's resolutions in either order.
     */
    void saveLatest(String genre, String snapshotId, Instant resolvedAt, PlaylistSnapshot snapshot) {
        jdbc.sql("""
                insert into latest_snapshots (genre, service, snapshot_id, fetched_at, resolved_at, playlist_length, entries)
                values (:genre, :service, :id, :fetchedAt, :resolvedAt, :length, cast(:entries as jsonb))
                on conflict (genre, service) do update set snapshot_id = excluded.snapshot_id, fetched_at = excluded.fetched_at,
                    resolved_at = excluded.resolved_at, playlist_length = excluded.playlist_length, entries = excluded.entries
                where (latest_snapshots.fetched_at, latest_snapshots.resolved_at) <= (excluded.fetched_at, excluded.resolved_at)""")
                .param("genre", genre).param("service", snapshot.service().slug()).param("id", snapshotId)
                .param("fetchedAt", Timestamp.from(snapshot.fetchedAt())).param("resolvedAt", Timestamp.from(resolvedAt))
                .param("length", snapshot.length())
                .param("entries", json.writeValueAsString(snapshot.entries()))
                .update();
    }

    List<PlaylistSnapshot> latest(String genre) {
        return jdbc.sql("""
                select service, fetched_at, playlist_length, entries::text as entries from latest_snapshots
                where genre = :genre order by service""")
                .param("genre", genre)
                .query((rs, row) -> new PlaylistSnapshot(MusicService.of(rs.getString("service")),
                        rs.getTimestamp("fetched_at").toInstant(), rs.getInt("playlist_length"),
                        json.readValue(rs.getString("entries"), ENTRIES)))
                .list();
    }

    /** The stored chart of an aggregate already computed with this content, if any. */
    Optional<List<ChartEntry>> chart(String genre, String fingerprint) {
        return jdbc.sql("select entries::text from aggregates where genre = :genre and fingerprint = :fingerprint")
                .param("genre", genre).param("fingerprint", fingerprint)
                .query(String.class).optional()
                .map(entries -> json.readValue(entries, CHART));
    }

    /** Ranks in the genre's last aggregate of the latest day before {@code day}, by track key. */
    Map<String, Integer> previousRanks(String genre, LocalDate day) {
        return jdbc.sql("""
                select track_key, rank from aggregate_entries
                where aggregate_id = (select max(id) from aggregates where genre = :genre and computed_at < :dayStart)""")
                .param("genre", genre).param("dayStart", dayStart(day))
                .query((ResultSet rs) -> {
                    Map<String, Integer> ranks = new HashMap<>();
                    while (rs.next()) {
                        ranks.put(rs.getString("track_key"), rs.getInt("rank"));
                    }
                    return ranks;
                });
    }

    /** Each listed track's past in the genre before {@code day}: best rank and the UTC days it was listed. */
    Map<String, ChartStatistics.History> history(String genre, Collection<String> trackKeys, LocalDate day) {
        return jdbc.sql("""
                select track_key, min(rank) as peak,
                       array_agg(distinct (computed_at at time zone 'UTC')::date) as days
                from aggregate_entries where aggregate_id in (%s) and track_key = any(:keys) group by track_key"""
                .formatted(DAYS_LAST))
                .param("genre", genre).param("dayStart", dayStart(day)).param("keys", trackKeys.toArray(String[]::new))
                .query((ResultSet rs) -> {
                    Map<String, ChartStatistics.History> history = new HashMap<>();
                    while (rs.next()) {
                        Set<LocalDate> days = new TreeSet<>();
                        for (Object listed : (Object[]) rs.getArray("days").getArray()) {
                            days.add(((java.sql.Date) listed).toLocalDate());
                        }
                        history.put(rs.getString("track_key"), new ChartStatistics.History(rs.getInt("peak"), days));
                    }
                    return history;
                });
    }

    private static Timestamp dayStart(LocalDate day) {
        return Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    void saveAggregate(String genre, Instant computedAt, String strategy, String fingerprint, List<ChartEntry> chart) {
        long id = jdbc.sql("""
                insert into aggregates (genre, computed_at, strategy, fingerprint, entries)
                values (:genre, :computedAt, :strategy, :fingerprint, cast(:entries as jsonb)) returning id""")
                .param("genre", genre).param("computedAt", Timestamp.from(computedAt)).param("strategy", strategy)
                .param("fingerprint", fingerprint).param("entries", json.writeValueAsString(chart))
                .query(Long.class).single();
        // the ranks in one statement, not a round trip per entry
        jdbc.sql("""
                insert into aggregate_entries (aggregate_id, genre, computed_at, track_key, rank)
                select :id, :genre, :computedAt, k, r from unnest(cast(:keys as text[]), cast(:ranks as int[])) as x(k, r)""")
                .param("id", id).param("genre", genre).param("computedAt", Timestamp.from(computedAt))
                .param("keys", chart.stream().map(entry -> entry.track().trackKey()).toArray(String[]::new))
                .param("ranks", chart.stream().map(entry -> entry.track().rank()).toArray(Integer[]::new))
                .update();
    }
}
