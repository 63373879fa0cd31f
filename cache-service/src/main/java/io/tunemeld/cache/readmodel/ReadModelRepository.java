package io.tunemeld.cache.readmodel;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

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
                insert into aggregates (genre, computed_at, body) values (:genre, :at, cast(:body as json))
                on conflict (genre) do update set computed_at = excluded.computed_at, body = excluded.body
                where aggregates.computed_at <= excluded.computed_at""")
                .param("genre", genre).param("at", Timestamp.from(computedAt)).param("body", body)
                .update() > 0;
    }

    /** @return whether it was stored (an older fetch, or an earlier resolution of the fetch held, is ignored) */
    boolean savePlaylist(String genre, String service, Instant fetchedAt, Instant resolvedAt, String body) {
        return jdbc.sql("""
                insert into playlists (genre, service, fetched_at, resolved_at, body)
                values (:genre, :service, :at, :resolvedAt, cast(:body as json))
                on conflict (genre, service) do update set fetched_at = excluded.fetched_at, resolved_at = excluded.resolved_at,
                    body = excluded.body
                where (playlists.fetched_at, playlists.resolved_at) <= (excluded.fetched_at, excluded.resolved_at)""")
                .param("genre", genre).param("service", service).param("at", Timestamp.from(fetchedAt))
                .param("resolvedAt", Timestamp.from(resolvedAt)).param("body", body)
                .update() > 0;
    }

    /**
     * Tracks by key, with their ISRCs and versions, in one statement; a key is left as it is where a newer
     * version of it is stored or gone.
     *
     * @return the keys stored
     */
    Set<String> saveTracks(Map<String, String> bodies, Map<String, String> isrcs, Map<String, Long> versions) {
        if (bodies.isEmpty()) {
            return Set.of();
        }
        String[] keys = bodies.keySet().toArray(String[]::new);
        return new HashSet<>(jdbc.sql("""
                insert into tracks (track_key, isrc, body, version)
                select k, i, cast(b as json), v
                from unnest(cast(:keys as text[]), cast(:isrcs as text[]), cast(:bodies as text[]), cast(:versions as bigint[]))
                    as t(k, i, b, v)
                where not exists (select 1 from replaced_tracks r where r.track_key = t.k and r.version > t.v)
                on conflict (track_key) do update set isrc = excluded.isrc, body = excluded.body, version = excluded.version
                where tracks.version <= excluded.version
                returning track_key""")
                .param("keys", keys)
                .param("isrcs", Arrays.stream(keys).map(isrcs::get).toArray(String[]::new))
                .param("bodies", Arrays.stream(keys).map(bodies::get).toArray(String[]::new))
                .param("versions", Arrays.stream(keys).map(versions::get).toArray(Long[]::new))
                .query(String.class).list());
    }

    /**
     * Removes tracks gone under their keys at these versions (re-keyed), unless a newer version of a key is
     * stored, and remembers each key's version so that an older state published late stays out.
     *
     * @return the keys with no track now
     */
    Set<String> replaceTracks(Map<String, Long> versions) {
        if (versions.isEmpty()) {
            return Set.of();
        }
        String[] keys = versions.keySet().toArray(String[]::new);
        Long[] at = Arrays.stream(keys).map(versions::get).toArray(Long[]::new);
        // one snapshot for the whole statement: a key is gone if removed here or absent before
        Set<String> gone = new HashSet<>(jdbc.sql("""
                with gone as (
                    insert into replaced_tracks (track_key, version)
                    select k, v from unnest(cast(:keys as text[]), cast(:versions as bigint[])) as x(k, v)
                    on conflict (track_key) do update set version = excluded.version
                    where replaced_tracks.version < excluded.version),
                removed as (
                    delete from tracks t using unnest(cast(:keys as text[]), cast(:versions as bigint[])) as x(k, v)
                    where t.track_key = x.k and t.version <= x.v
                    returning t.track_key)
                select k from unnest(cast(:keys as text[])) as k
                where k in (select track_key from removed) or not exists (select 1 from tracks t where t.track_key = k)""")
                .param("keys", keys).param("versions", at).query(String.class).list());
        if (!gone.isEmpty()) {
            jdbc.sql("delete from track_details where track_key = any(cast(:keys as text[]))")
                    .param("keys", gone.toArray(String[]::new)).update();
        }
        return gone;
    }

    /** @return whether it was stored (false: a newer one is) */
    boolean saveTrackDetails(String trackKey, String body, Instant enrichedAt) {
        return jdbc.sql("""
                insert into track_details (track_key, body, enriched_at) values (:key, cast(:body as json), :at)
                on conflict (track_key) do update set body = excluded.body, enriched_at = excluded.enriched_at
                where track_details.enriched_at <= excluded.enriched_at""")
                .param("key", trackKey).param("body", body).param("at", Timestamp.from(enrichedAt)).update() > 0;
    }

    /** The stored details of these tracks, by key. */
    Map<String, String> trackDetails(Collection<String> trackKeys) {
        return documentsByKey("track_details", trackKeys);
    }

    /** @param table one of this repository's tables keyed by track, never a caller's text */
    private Map<String, String> documentsByKey(String table, Collection<String> trackKeys) {
        Map<String, String> bodies = new LinkedHashMap<>();
        jdbc.sql("select track_key, body::text as body from " + table + " where track_key = any(:keys)")
                .param("keys", trackKeys.toArray(String[]::new))
                .query((rs, row) -> bodies.put(rs.getString("track_key"), rs.getString("body"))).list();
        return bodies;
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

    void saveViewCount(String isrc, String service, LocalDate date, long count, Long delta, ViewCountsView.Alert alert,
            Instant countedAt) {
        jdbc.sql("""
                insert into view_counts (isrc, service, date, count, delta, alert, alert_trailing_average, counted_at)
                values (:isrc, :service, :date, :count, :delta, :alert, :average, :at)
                on conflict (isrc, service, date) do update set count = excluded.count, delta = excluded.delta,
                    alert = excluded.alert, alert_trailing_average = excluded.alert_trailing_average, counted_at = excluded.counted_at
                where view_counts.counted_at <= excluded.counted_at""")
                .param("isrc", isrc).param("service", service).param("date", date).param("count", count)
                .param("delta", delta).param("alert", alert == null ? null : alert.kind())
                .param("average", alert == null ? null : alert.trailingAverage()).param("at", Timestamp.from(countedAt)).update();
    }

    /** The recorded days of these tracks, as far back as the API serves (a year). */
    private List<ViewCountsView.Row> viewCounts(Collection<String> isrcs) {
        return jdbc.sql("""
                select isrc, service, date, count, delta, alert, alert_trailing_average, counted_at from view_counts
                where isrc = any(:isrcs) and date > (select max(date) from view_counts) - 366""")
                .param("isrcs", isrcs.toArray(String[]::new))
                .query((rs, row) -> new ViewCountsView.Row(rs.getString("isrc"), rs.getString("service"),
                        rs.getObject("date", LocalDate.class), rs.getLong("count"), (Long) rs.getObject("delta"),
                        rs.getString("alert") == null ? null
                                : new ViewCountsView.Alert(rs.getString("alert"), rs.getDouble("alert_trailing_average")),
                        rs.getTimestamp("counted_at").toInstant().toString()))
                .list();
    }

    /** The view-count documents of these tracks, by ISRC (a track without counts left out). */
    Map<String, String> viewDocuments(Collection<String> isrcs) {
        Map<String, String> documents = new LinkedHashMap<>();
        viewCounts(isrcs).stream().collect(Collectors.groupingBy(ViewCountsView.Row::isrc))
                .forEach((isrc, rows) -> documents.put(isrc, JsonMapper.shared().writeValueAsString(ViewCountsView.of(isrc, rows))));
        return documents;
    }

    /**
     * Ranks of one aggregate, for the charts. An edition whose snapshots arrive apart is ranked more than once
     * at the same moment (the newest fetch), so the moment's ranks are those of its last aggregate: ranks of a
     * partial ranking are replaced, and its tracks that the last one no longer lists are removed. A replayed
     * aggregate changes nothing.
     *
     * @return the ranks added, changed or removed
     */
    int saveRanks(String genre, Instant computedAt, List<AggregateView.Entry> entries) {
        String[] keys = entries.stream().map(AggregateView.Entry::trackKey).toArray(String[]::new);
        return jdbc.sql("""
                with removed as (
                    delete from rank_history where genre = :genre and computed_at = :at and not (track_key = any(:keys))
                    returning 1),
                put as (
                    insert into rank_history (genre, computed_at, track_key, isrc, rank, score)
                    select :genre, :at, * from unnest(:keys, :isrcs, :ranks, :scores)
                    on conflict (genre, computed_at, track_key) do update
                        set isrc = excluded.isrc, rank = excluded.rank, score = excluded.score
                        where (rank_history.isrc, rank_history.rank, rank_history.score)
                            is distinct from (excluded.isrc, excluded.rank, excluded.score)
                    returning 1)
                select cast((select count(*) from removed) + (select count(*) from put) as int)""")
                .param("genre", genre).param("at", Timestamp.from(computedAt))
                .param("keys", keys)
                .param("isrcs", entries.stream().map(AggregateView.Entry::isrc).toArray(String[]::new))
                .param("ranks", entries.stream().map(AggregateView.Entry::rank).toArray(Integer[]::new))
                .param("scores", entries.stream().map(AggregateView.Entry::score).toArray(Double[]::new))
                .query(Integer.class).single();
    }

    /** @param genre null for every genre */
    List<RankPoint> ranks(String isrc, String genre, Instant since) {
        return jdbc.sql("""
                select genre, computed_at, rank, score from rank_history
                where (isrc = :isrc or track_key = :isrc) and (cast(:genre as text) is null or genre = :genre)
                    and computed_at >= :since
                order by computed_at, genre""")
                .param("isrc", isrc).param("genre", genre).param("since", Timestamp.from(since))
                .query((rs, row) -> new RankPoint(rs.getString("genre"), rs.getTimestamp("computed_at").toInstant().toString(),
                        rs.getInt("rank"), rs.getDouble("score")))
                .list();
    }

    /** Every stored document of a kind, for warming an empty Redis: (id, body) pairs. */
    void forEachAggregate(BiConsumer<String, String> action) {
        jdbc.sql("select genre, body::text from aggregates").query(rs -> {
            action.accept(rs.getString(1), rs.getString(2));
        });
    }

    record PlaylistDocument(String genre, String service, String body) {
    }

    void forEachPlaylist(Consumer<PlaylistDocument> action) {
        jdbc.sql("select genre, service, body::text from playlists").query(rs -> {
            action.accept(new PlaylistDocument(rs.getString(1), rs.getString(2), rs.getString(3)));
        });
    }

    List<PlaylistDocument> playlists(String genre) {
        return jdbc.sql("select genre, service, body::text from playlists where genre = :genre order by service").param("genre", genre)
                .query((rs, row) -> new PlaylistDocument(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    /** Track documents by key; keys not stored are left out. */
    Map<String, String> trackDocuments(Collection<String> trackKeys) {
        return documentsByKey("tracks", trackKeys);
    }

    void forEachTrack(BiConsumer<String, String> action) {
        jdbc.sql("select track_key, body::text from tracks").query(rs -> {
            action.accept(rs.getString(1), rs.getString(2));
        });
    }

    List<String> viewCountedIsrcs() {
        return jdbc.sql("select distinct isrc from view_counts").query(String.class).list();
    }
}
