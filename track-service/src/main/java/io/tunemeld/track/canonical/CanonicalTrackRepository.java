package io.tunemeld.track.canonical;

import io.tunemeld.schemas.MusicService;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Sightings and canonical tracks, a batch of them per statement: the listener takes events by the hundred. */
@Repository
public class CanonicalTrackRepository {

    /** Joins a sighting's artists into one array element; no name contains it. */
    private static final String ARTISTS = "\u001f";

    /** The advisory lock space of service pages (the first of the two keys), apart from any other lock. */
    private static final int PAGE_LOCKS = 0x70616765;

    /** A version from the database's clock, in microseconds: one clock for every replica. */
    private static final String CLOCK_VERSION = "cast(extract(epoch from clock_timestamp()) * 1000000 as bigint)";

    private final JdbcClient jdbc;

    CanonicalTrackRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One service's sighting of a track, with when it was seen, in which snapshot, and when the normalizer
     * resolved it. Of two sightings of one page, the later is the one seen later, then of the greater
     * snapshot, then of the later resolution (a snapshot resolved again after the catalog grew is announced
     * again, and its sightings under two keys arrive on two partitions in either order), then the one with
     * an ISRC (events from before the resolution time was carried all have the same).
     */
    record Sighting(ServiceTrack track, Instant seenAt, String snapshotId, Instant resolvedAt) {

        static final Comparator<Sighting> ORDER = Comparator.comparing(Sighting::seenAt).thenComparing(Sighting::snapshotId)
                .thenComparing(Sighting::resolvedAt).thenComparing(s -> s.track().isrc() != null);
    }

    /**
     * A canonical track as stored, with its version: it grows with every change under the key, taken from
     * the database's clock so that it also grows past a rebuilt database's, and under the row's lock so that
     * of two replicas' transactions the later commit has the greater version, whichever publishes first.
     */
    record Stored(CanonicalTrack track, long version) {
    }

    /** A sighting of a page that is held under another key: that key, and whether it was seen there later. */
    record OtherKey(Sighting sighting, String trackKey, boolean later) {
    }

    /**
     * Holds these sightings' service pages until the transaction ends. A page's sightings under two keys
     * (a provisional one and its ISRC) are on different partitions, so two replicas may fold them at once;
     * unheld, neither would see the other's uncommitted sighting and the page would stay under both keys.
     * Taken first and in one order, so two batches sharing pages wait for each other and never deadlock.
     */
    void holdPages(List<Sighting> sightings) {
        String[] pages = sightings.stream().filter(s -> s.track().url() != null)
                .map(s -> s.track().service().slug() + " " + s.track().url()).toArray(String[]::new);
        if (pages.length > 0) {
            jdbc.sql("""
                    select pg_advisory_xact_lock(:space, h)
                    from (select distinct hashtext(page) as h from unnest(cast(:pages as text[])) as page order by h) held""")
                    .param("space", PAGE_LOCKS).param("pages", pages).query().listOfRows();
        }
    }

    /**
     * The keys other than their own under which these sightings' service pages are held, in one look-up by
     * page. A page seen later under another key makes its sighting stale (from before a re-key: a replay);
     * otherwise the page has moved to the sighting's key.
     */
    List<OtherKey> otherKeysOfPages(List<Sighting> sightings) {
        if (sightings.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select x.i::int, t.track_key,
                    (t.seen_at, t.snapshot_id, t.resolved_at, t.isrc is not null)
                        > (x.seen_at, x.snapshot_id, x.resolved_at, x.isrc is not null) as later
                from unnest(cast(:services as text[]), cast(:urls as text[]), cast(:keys as text[]),
                    cast(:seen as timestamptz[]), cast(:snapshots as text[]), cast(:resolved as timestamptz[]), cast(:isrcs as text[]))
                    with ordinality as x(service, url, key, seen_at, snapshot_id, resolved_at, isrc, i)
                join service_tracks t on t.service = x.service and t.url = x.url and t.track_key <> x.key
                where x.url is not null""")
                .params(columns(sightings))
                .query((rs, row) -> new OtherKey(sightings.get(rs.getInt(1) - 1), rs.getString(2), rs.getBoolean(3)))
                .list();
    }

    /**
     * Keeps the later sighting per key and service ({@link Sighting#ORDER}). At most one per key and service in the list.
     *
     * @return the sightings written: those later than the stored ones (not the same sighting again)
     */
    List<Sighting> saveSightings(List<Sighting> sightings) {
        if (sightings.isEmpty()) {
            return List.of();
        }
        Map<String, Object> columns = columns(sightings);
        columns.put("titles", sightings.stream().map(s -> s.track().title()).toArray(String[]::new));
        columns.put("artists", sightings.stream().map(s -> String.join(ARTISTS, s.track().artists())).toArray(String[]::new));
        columns.put("albums", sightings.stream().map(s -> s.track().album()).toArray(String[]::new));
        columns.put("artworks", sightings.stream().map(s -> s.track().artworkUrl()).toArray(String[]::new));
        columns.put("separator", ARTISTS);
        Set<List<String>> written = jdbc.sql("""
                insert into service_tracks (track_key, service, isrc, title, artists, album, artwork_url, url, seen_at, snapshot_id,
                    resolved_at)
                select key, service, isrc, title, case when artists = '' then '{}' else string_to_array(artists, :separator) end,
                    album, artwork_url, url, seen_at, snapshot_id, resolved_at
                from unnest(cast(:keys as text[]), cast(:services as text[]), cast(:isrcs as text[]), cast(:titles as text[]),
                    cast(:artists as text[]), cast(:albums as text[]), cast(:artworks as text[]), cast(:urls as text[]),
                    cast(:seen as timestamptz[]), cast(:snapshots as text[]), cast(:resolved as timestamptz[]))
                    as x(key, service, isrc, title, artists, album, artwork_url, url, seen_at, snapshot_id, resolved_at)
                on conflict (track_key, service) do update set isrc = excluded.isrc, title = excluded.title,
                    artists = excluded.artists, album = excluded.album, artwork_url = excluded.artwork_url,
                    url = excluded.url, seen_at = excluded.seen_at, snapshot_id = excluded.snapshot_id, resolved_at = excluded.resolved_at
                where (service_tracks.seen_at, service_tracks.snapshot_id, service_tracks.resolved_at, service_tracks.isrc is not null)
                    < (excluded.seen_at, excluded.snapshot_id, excluded.resolved_at, excluded.isrc is not null)
                returning track_key, service""")
                .params(columns).query((rs, row) -> List.of(rs.getString(1), rs.getString(2))).set();
        return sightings.stream().filter(s -> written.contains(List.of(s.track().trackKey(), s.track().service().slug()))).toList();
    }

    /**
     * Deletes the earlier sightings of pages under other keys (found by {@link #otherKeysOfPages}) that are
     * still those pages' and still earlier: each page now belongs to its new sighting's key.
     *
     * @return the key each removed sighting was under, with the key that took its page
     */
    Map<String, String> removeEarlierSightings(List<OtherKey> earlier) {
        if (earlier.isEmpty()) {
            return Map.of();
        }
        List<Sighting> by = earlier.stream().map(OtherKey::sighting).toList();
        Map<String, Object> columns = columns(by);
        columns.put("old", earlier.stream().map(OtherKey::trackKey).toArray(String[]::new));
        Map<String, String> moved = new LinkedHashMap<>();
        jdbc.sql("""
                delete from service_tracks t
                using unnest(cast(:old as text[]), cast(:services as text[]), cast(:urls as text[]), cast(:keys as text[]),
                    cast(:seen as timestamptz[]), cast(:snapshots as text[]), cast(:resolved as timestamptz[]), cast(:isrcs as text[]))
                    as x(old, service, url, key, seen_at, snapshot_id, resolved_at, isrc)
                where t.track_key = x.old and t.service = x.service and t.url = x.url
                    and (t.seen_at, t.snapshot_id, t.resolved_at, t.isrc is not null)
                        <= (x.seen_at, x.snapshot_id, x.resolved_at, x.isrc is not null)
                returning t.track_key, x.key""")
                .params(columns)
                .query((rs, row) -> moved.put(rs.getString(1), rs.getString(2))).list();
        return moved;
    }

    private static Map<String, Object> columns(List<Sighting> sightings) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("services", sightings.stream().map(s -> s.track().service().slug()).toArray(String[]::new));
        columns.put("urls", sightings.stream().map(s -> s.track().url()).toArray(String[]::new));
        columns.put("keys", sightings.stream().map(s -> s.track().trackKey()).toArray(String[]::new));
        columns.put("seen", sightings.stream().map(s -> Timestamp.from(s.seenAt())).toArray(Timestamp[]::new));
        columns.put("snapshots", sightings.stream().map(Sighting::snapshotId).toArray(String[]::new));
        columns.put("resolved", sightings.stream().map(s -> Timestamp.from(s.resolvedAt())).toArray(Timestamp[]::new));
        columns.put("isrcs", sightings.stream().map(s -> s.track().isrc()).toArray(String[]::new));
        return columns;
    }

    /** Every sighting of these keys, by key (a key without any is absent). */
    Map<String, List<ServiceTrack>> sightings(Collection<String> trackKeys) {
        return group(jdbc.sql("""
                select track_key, service, isrc, title, artists, album, artwork_url, url from service_tracks
                where track_key = any(cast(:keys as text[]))""")
                .param("keys", trackKeys.toArray(String[]::new))
                .query((rs, row) -> new ServiceTrack(rs.getString("track_key"), MusicService.of(rs.getString("service")),
                        rs.getString("isrc"), rs.getString("title"), strings(rs.getArray("artists")), rs.getString("album"),
                        rs.getString("artwork_url"), rs.getString("url")))
                .list(), ServiceTrack::trackKey);
    }

    /** The live (not replaced) canonical tracks of these keys, by key. */
    Map<String, Stored> find(Collection<String> trackKeys) {
        Map<String, Stored> found = new HashMap<>();
        jdbc.sql("select * from tracks where track_key = any(cast(:keys as text[])) and replaced_by is null")
                .param("keys", trackKeys.toArray(String[]::new))
                .query((rs, row) -> stored(rs)).list()
                .forEach(stored -> found.put(stored.track().trackKey(), stored));
        return found;
    }

    /** @return the tracks as saved, with their new versions */
    List<Stored> save(Collection<CanonicalTrack> tracks) {
        if (tracks.isEmpty()) {
            return List.of();
        }
        List<CanonicalTrack> list = List.copyOf(tracks);
        Map<String, CanonicalTrack> byKey = new HashMap<>();
        list.forEach(track -> byKey.put(track.trackKey(), track));
        Map<String, Object> columns = new HashMap<>();
        columns.put("keys", list.stream().map(CanonicalTrack::trackKey).toArray(String[]::new));
        columns.put("isrcs", list.stream().map(CanonicalTrack::isrc).toArray(String[]::new));
        columns.put("titles", list.stream().map(CanonicalTrack::title).toArray(String[]::new));
        columns.put("artists", list.stream().map(CanonicalTrack::artist).toArray(String[]::new));
        columns.put("albums", list.stream().map(CanonicalTrack::album).toArray(String[]::new));
        columns.put("artworks", list.stream().map(CanonicalTrack::artworkUrl).toArray(String[]::new));
        for (var service : Map.of("spotify", MusicService.SPOTIFY, "apple", MusicService.APPLE_MUSIC,
                "soundcloud", MusicService.SOUNDCLOUD, "youtube", MusicService.YOUTUBE).entrySet()) {
            columns.put(service.getKey(), list.stream().map(t -> t.urls().get(service.getValue())).toArray(String[]::new));
        }
        columns.put("services", list.stream().map(t -> String.join(",", t.services().stream().map(MusicService::slug).toList()))
                .toArray(String[]::new));
        return jdbc.sql("""
                insert into tracks (track_key, isrc, title, artist, album, artwork_url, spotify_url, apple_music_url,
                    soundcloud_url, youtube_url, services, version)
                select k, i, t, a, al, aw, sp, ap, sc, yt, string_to_array(sv, ','), %s
                from unnest(cast(:keys as text[]), cast(:isrcs as text[]), cast(:titles as text[]), cast(:artists as text[]),
                    cast(:albums as text[]), cast(:artworks as text[]), cast(:spotify as text[]), cast(:apple as text[]),
                    cast(:soundcloud as text[]), cast(:youtube as text[]), cast(:services as text[]))
                    as x(k, i, t, a, al, aw, sp, ap, sc, yt, sv)
                on conflict (track_key) do update set isrc = excluded.isrc, title = excluded.title, artist = excluded.artist,
                    album = excluded.album, artwork_url = excluded.artwork_url, spotify_url = excluded.spotify_url,
                    apple_music_url = excluded.apple_music_url, soundcloud_url = excluded.soundcloud_url,
                    youtube_url = excluded.youtube_url, services = excluded.services, replaced_by = null,
                    version = greatest(tracks.version + 1, excluded.version)
                returning track_key, version""".formatted(CLOCK_VERSION))
                .params(columns).query((rs, row) -> new Stored(byKey.get(rs.getString("track_key")), rs.getLong("version"))).list();
    }

    /** Marks tracks left with no sighting as replaced by the key their sightings moved to. */
    void replace(Map<String, String> replacedBy) {
        if (!replacedBy.isEmpty()) {
            jdbc.sql("""
                    update tracks set replaced_by = x.by, version = greatest(tracks.version + 1, %s)
                    from unnest(cast(:keys as text[]), cast(:by as text[])) as x(key, by)
                    where tracks.track_key = x.key""".formatted(CLOCK_VERSION))
                    .param("keys", replacedBy.keySet().toArray(String[]::new))
                    .param("by", replacedBy.values().toArray(String[]::new)).update();
        }
    }

    /** The tracks these keys replaced, with the key that replaced each. */
    Map<Stored, String> replacedBy(Collection<String> trackKeys) {
        Map<Stored, String> replaced = new LinkedHashMap<>();
        if (trackKeys.isEmpty()) {
            return replaced;
        }
        jdbc.sql("select * from tracks where replaced_by = any(cast(:keys as text[]))")
                .param("keys", trackKeys.toArray(String[]::new))
                .query((rs, row) -> replaced.put(stored(rs), rs.getString("replaced_by"))).list();
        return replaced;
    }

    private static <T> Map<String, List<T>> group(List<T> rows, Function<T, String> key) {
        Map<String, List<T>> grouped = new HashMap<>();
        rows.forEach(row -> grouped.computeIfAbsent(key.apply(row), k -> new ArrayList<>()).add(row));
        return grouped;
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        return new Stored(canonical(rs), rs.getLong("version"));
    }

    private static CanonicalTrack canonical(ResultSet rs) throws SQLException {
        Map<MusicService, String> urls = new EnumMap<>(MusicService.class);
        putIfPresent(urls, MusicService.SPOTIFY, rs.getString("spotify_url"));
        putIfPresent(urls, MusicService.APPLE_MUSIC, rs.getString("apple_music_url"));
        putIfPresent(urls, MusicService.SOUNDCLOUD, rs.getString("soundcloud_url"));
        putIfPresent(urls, MusicService.YOUTUBE, rs.getString("youtube_url"));
        return new CanonicalTrack(rs.getString("track_key"), rs.getString("isrc"), rs.getString("title"),
                rs.getString("artist"), rs.getString("album"), rs.getString("artwork_url"), urls,
                strings(rs.getArray("services")).stream().map(MusicService::of).toList());
    }

    private static void putIfPresent(Map<MusicService, String> urls, MusicService service, String url) {
        if (url != null) {
            urls.put(service, url);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }
}
