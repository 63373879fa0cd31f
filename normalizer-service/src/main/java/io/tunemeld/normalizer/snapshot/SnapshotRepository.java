package io.tunemeld.normalizer.snapshot;

import io.tunemeld.normalizer.identity.CatalogEntry;
import io.tunemeld.normalizer.identity.MatchMethod;
import io.tunemeld.normalizer.identity.Resolution;
import io.tunemeld.normalizer.identity.TrackResolver;
import io.tunemeld.normalizer.payload.ParsedEntry;
import io.tunemeld.normalizer.payload.ParsedPlaylist;
import io.tunemeld.schemas.MusicService;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
public class SnapshotRepository {

    private static final TypeReference<List<ParsedEntry>> ENTRIES = new TypeReference<>() { };
    private static final String ARTIST_SEPARATOR = "|";
    /** Waiting keys are letters, digits, spaces and a colon, so this never occurs in one. */
    private static final String KEY_SEPARATOR = "|";

    /** The snapshots in force, with what {@link #snapshot} reads. */
    private static final String IN_FORCE = """
            select s.snapshot_id, s.genre, s.service, s.fetched_at, s.playlist_length, s.skipped, s.name, s.url,
                   s.parsed_entries::text as entries
            from latest_snapshots l join snapshots s on s.snapshot_id = l.snapshot_id
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.shared();

    SnapshotRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The database's clock, one for every replica: when a resolution starts, it orders it after those before. */
    Instant now() {
        return jdbc.sql("select clock_timestamp()").query(Timestamp.class).single().toInstant();
    }

    void save(Snapshot snapshot) {
        ParsedPlaylist playlist = snapshot.playlist();
        jdbc.sql("""
                insert into snapshots (snapshot_id, genre, service, fetched_at, playlist_length, skipped, name, url, parsed_entries)
                values (:id, :genre, :service, :fetchedAt, :length, :skipped, :name, :url, cast(:entries as jsonb))
                on conflict (snapshot_id) do nothing""")
                .param("id", snapshot.id()).param("genre", snapshot.genre()).param("service", snapshot.service().slug())
                .param("fetchedAt", Timestamp.from(snapshot.fetchedAt())).param("length", playlist.length())
                .param("skipped", playlist.skipped()).param("name", playlist.name()).param("url", playlist.url())
                .param("entries", json.writeValueAsString(playlist.entries()))
                .update();
    }

    /** Makes the snapshot the one in force unless a newer fetch of the same playlist already is. */
    void promote(Snapshot snapshot) {
        jdbc.sql("""
                insert into latest_snapshots (genre, service, snapshot_id) values (:genre, :service, :id)
                on conflict (genre, service) do update set snapshot_id = excluded.snapshot_id
                where (select fetched_at from snapshots where snapshot_id = latest_snapshots.snapshot_id) <= :fetchedAt""")
                .param("genre", snapshot.genre()).param("service", snapshot.service().slug()).param("id", snapshot.id())
                .param("fetchedAt", Timestamp.from(snapshot.fetchedAt()))
                .update();
    }

    /**
     * The snapshot's entries with their keys and when each was resolved so, in one statement; uncertain ones with
     * what they wait for. Must run in a transaction: the snapshot's row is locked first, so that two resolutions of
     * one snapshot (its own record's and another's that taught the catalog what it waited for) replace its entries
     * one after the other; otherwise the second one's delete would not see the rows the first inserted, and its
     * inserts would collide with them.
     */
    void replaceTracks(String snapshotId, List<ResolvedEntry> entries, Map<Integer, Instant> times) {
        // with no snapshot to lock nothing is written: the entries have no foreign key to refuse them
        jdbc.sql("select snapshot_id from snapshots where snapshot_id = :id for update").param("id", snapshotId).query(String.class)
                .optional().orElseThrow(() -> new IllegalStateException("no snapshot " + snapshotId + " to write entries of"));
        jdbc.sql("delete from service_tracks where snapshot_id = :id").param("id", snapshotId).update();
        int size = entries.size();
        Integer[] positions = new Integer[size];
        String[] keys = new String[size];
        String[] isrcs = new String[size];
        String[] methods = new String[size];
        Double[] confidences = new Double[size];
        String[] waiting = new String[size];
        Timestamp[] resolvedAt = new Timestamp[size];
        for (int i = 0; i < size; i++) {
            ResolvedEntry entry = entries.get(i);
            positions[i] = entry.entry().position();
            keys[i] = entry.resolution().trackKey();
            isrcs[i] = entry.resolution().isrc();
            methods[i] = entry.resolution().method().name();
            confidences[i] = entry.resolution().confidence();
            resolvedAt[i] = Timestamp.from(times.get(entry.entry().position()));
            // the waiting keys as one string per row: unnest cannot take an array of arrays of varying length
            waiting[i] = entry.resolution().uncertain() ? String.join(KEY_SEPARATOR, TrackResolver.waitingKeys(entry.entry())) : null;
        }
        jdbc.sql("""
                insert into service_tracks (snapshot_id, position, track_key, isrc, match_method, match_confidence, waiting_for,
                    resolved_at)
                select :id, p, k, i, m, c, case when w is null then null else string_to_array(w, :separator) end, r
                from unnest(cast(:positions as int[]), cast(:keys as text[]), cast(:isrcs as text[]), cast(:methods as text[]),
                    cast(:confidences as float8[]), cast(:waiting as text[]), cast(:resolved as timestamptz[])) as e(p, k, i, m, c, w, r)""")
                .param("id", snapshotId).param("positions", positions).param("keys", keys).param("isrcs", isrcs)
                .param("methods", methods).param("confidences", confidences).param("waiting", waiting).param("resolved", resolvedAt)
                .param("separator", KEY_SEPARATOR)
                .update();
    }

    /** The snapshot's stored resolutions by position, with when each was made. */
    Map<Integer, StoredResolution> resolutions(String snapshotId) {
        Map<Integer, StoredResolution> resolutions = new HashMap<>();
        jdbc.sql("""
                select position, track_key, isrc, match_method, match_confidence, resolved_at from service_tracks
                where snapshot_id = :id""")
                .param("id", snapshotId)
                .query(rs -> {
                    resolutions.put(rs.getInt("position"), new StoredResolution(resolution(rs), rs.getTimestamp("resolved_at").toInstant()));
                });
        return resolutions;
    }

    /** Adds what the catalog does not know yet, and the primary artist of what it learnt without. */
    void learn(Collection<CatalogEntry> learnt) {
        if (learnt.isEmpty()) {
            return;
        }
        // a playlist may list a song twice, and one statement may update a row only once
        Map<List<Object>, CatalogEntry> distinct = new LinkedHashMap<>();
        learnt.forEach(entry -> distinct.merge(List.of(entry.titleKey(), entry.artists(), entry.isrc()), entry,
                (kept, other) -> kept.primaryArtist() != null ? kept : other));
        Collection<CatalogEntry> entries = distinct.values();
        jdbc.sql("""
                insert into catalog (title_key, artists_key, isrc, primary_artist)
                select * from unnest(cast(:titles as text[]), cast(:artists as text[]), cast(:isrcs as text[]),
                    cast(:primaries as text[]))
                on conflict (title_key, artists_key, isrc) do update set primary_artist = excluded.primary_artist
                where catalog.primary_artist is null and excluded.primary_artist is not null""")
                .param("titles", entries.stream().map(CatalogEntry::titleKey).toArray(String[]::new))
                .param("artists", entries.stream().map(e -> String.join(ARTIST_SEPARATOR, e.artists())).toArray(String[]::new))
                .param("isrcs", entries.stream().map(CatalogEntry::isrc).toArray(String[]::new))
                .param("primaries", entries.stream().map(CatalogEntry::primaryArtist).toArray(String[]::new))
                .update();
    }

    /** The catalog's entries with these title keys, by title key, in one query. */
    Map<String, List<CatalogEntry>> catalogByTitles(Collection<String> titleKeys) {
        Map<String, List<CatalogEntry>> byTitle = new HashMap<>();
        if (titleKeys.isEmpty()) {
            return byTitle;
        }
        titleKeys.forEach(title -> byTitle.put(title, new ArrayList<>()));
        jdbc.sql("select title_key, artists_key, isrc, primary_artist from catalog where title_key = any(cast(:titles as text[])) order by isrc")
                .param("titles", titleKeys.toArray(String[]::new))
                .query((rs, row) -> catalogEntry(rs))
                .list()
                .forEach(entry -> byTitle.get(entry.titleKey()).add(entry));
        return byTitle;
    }

    private static CatalogEntry catalogEntry(ResultSet rs) throws SQLException {
        return new CatalogEntry(rs.getString("isrc"), rs.getString("title_key"),
                new TreeSet<>(Arrays.asList(rs.getString("artists_key").split("\\" + ARTIST_SEPARATOR))), rs.getString("primary_artist"));
    }

    /**
     * Snapshots in force, except the given one, with an entry left on a fallback key that waits for one
     * of these keys (or predates the record of what it waits for).
     */
    List<Snapshot> latestWaitingFor(Set<String> waitingKeys, String exceptSnapshotId) {
        // two index look-ups (the GIN index on waiting_for, the index of entries that predate it), then the
        // few snapshots they name: an OR of the two, or a scan per snapshot in force, grows with the catalog.
        // the predicates are written out so that the partial indexes apply to a generic plan too. The keys are
        // a scalar subquery: given their values, the planner estimates a long array to overlap most entries and
        // compares every waiting entry with every key instead of looking each key up in the GIN index.
        return jdbc.sql(IN_FORCE + """
                where s.snapshot_id <> :except
                  and s.snapshot_id in (
                      select snapshot_id from service_tracks
                      where match_confidence < 1 and waiting_for && (select cast(:keys as text[]))
                      union
                      select snapshot_id from service_tracks
                      where match_method = 'FALLBACK' and waiting_for is null)
                order by s.genre, s.service""")
                .param("except", exceptSnapshotId)
                .param("keys", waitingKeys.toArray(String[]::new))
                .query((rs, row) -> snapshot(rs))
                .list();
    }

    /** A snapshot in force, with the resolution of each entry kept, by position (a song listed twice keeps its best). */
    record InForce(Snapshot snapshot, Map<Integer, Resolution> resolutions) {
    }

    /** Every snapshot in force, by genre and service. */
    List<InForce> inForce() {
        Map<String, Map<Integer, Resolution>> resolutions = new HashMap<>();
        jdbc.sql("""
                select t.snapshot_id, t.position, t.track_key, t.isrc, t.match_method, t.match_confidence
                from latest_snapshots l join service_tracks t on t.snapshot_id = l.snapshot_id""")
                .query(rs -> {
                    resolutions.computeIfAbsent(rs.getString("snapshot_id"), id -> new HashMap<>()).put(rs.getInt("position"),
                            resolution(rs));
                });
        return jdbc.sql(IN_FORCE + """
                order by s.genre, s.service""")
                .query((rs, row) -> snapshot(rs)).list().stream()
                .map(snapshot -> new InForce(snapshot, resolutions.getOrDefault(snapshot.id(), Map.of())))
                .toList();
    }

    /**
     * The catalog's entries of this title, of titles that extend it by words, and of titles it extends by
     * words (a version marker on one of them). Title keys are letters, digits and spaces: nothing to escape.
     */
    List<CatalogEntry> catalogNear(String titleKey) {
        List<String> shorter = new ArrayList<>();
        for (int space = titleKey.indexOf(' '); space > 0; space = titleKey.indexOf(' ', space + 1)) {
            shorter.add(titleKey.substring(0, space));
        }
        return jdbc.sql("""
                select title_key, artists_key, isrc, primary_artist from catalog
                where title_key = :title or title_key like :longer or title_key = any(cast(:shorter as text[]))""")
                .param("title", titleKey).param("longer", titleKey + " %").param("shorter", shorter.toArray(String[]::new))
                .query((rs, row) -> catalogEntry(rs)).list();
    }

    private static Resolution resolution(ResultSet rs) throws SQLException {
        return new Resolution(rs.getString("track_key"), rs.getString("isrc"), MatchMethod.valueOf(rs.getString("match_method")),
                rs.getDouble("match_confidence"));
    }

    private Snapshot snapshot(ResultSet rs) throws SQLException {
        return new Snapshot(rs.getString("snapshot_id"), null, rs.getString("genre"), MusicService.of(rs.getString("service")),
                rs.getTimestamp("fetched_at").toInstant(), new ParsedPlaylist(rs.getInt("playlist_length"), rs.getInt("skipped"),
                        rs.getString("name"), rs.getString("url"), json.readValue(rs.getString("entries"), ENTRIES)));
    }
}
