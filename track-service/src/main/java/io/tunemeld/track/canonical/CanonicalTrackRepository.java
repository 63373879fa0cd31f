package io.tunemeld.track.canonical;

import io.tunemeld.schemas.MusicService;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class CanonicalTrackRepository {

    private final JdbcClient jdbc;

    CanonicalTrackRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the newest sighting per service; between sightings of the same time, the greatest snapshot id. */
    void saveSighting(ServiceTrack track, Instant seenAt, String snapshotId) {
        jdbc.sql("""
                insert into service_tracks (track_key, service, isrc, title, artists, album, artwork_url, url, seen_at, snapshot_id)
                values (:key, :service, :isrc, :title, :artists, :album, :artwork, :url, :seenAt, :snapshot)
                on conflict (track_key, service) do update set isrc = excluded.isrc, title = excluded.title,
                    artists = excluded.artists, album = excluded.album, artwork_url = excluded.artwork_url,
                    url = excluded.url, seen_at = excluded.seen_at, snapshot_id = excluded.snapshot_id
                where (service_tracks.seen_at, service_tracks.snapshot_id) <= (excluded.seen_at, excluded.snapshot_id)""")
                .param("key", track.trackKey()).param("service", track.service().slug()).param("isrc", track.isrc())
                .param("title", track.title()).param("artists", track.artists().toArray(String[]::new))
                .param("album", track.album()).param("artwork", track.artworkUrl()).param("url", track.url())
                .param("seenAt", Timestamp.from(seenAt)).param("snapshot", snapshotId)
                .update();
    }

    /** Whether this service page was seen later under another key: the sighting is from before a re-key. */
    boolean seenLaterUnderAnotherKey(ServiceTrack track, Instant seenAt, String snapshotId) {
        return track.url() != null && jdbc.sql("""
                select exists (select 1 from service_tracks where service = :service and url = :url and track_key <> :key
                    and (seen_at, snapshot_id) > (:seenAt, :snapshot))""")
                .param("service", track.service().slug()).param("url", track.url()).param("key", track.trackKey())
                .param("seenAt", Timestamp.from(seenAt)).param("snapshot", snapshotId)
                .query(Boolean.class).single();
    }

    /**
     * Deletes the earlier sightings of this service page under other keys: the page now belongs to this
     * sighting's key.
     *
     * @return the keys they were under
     */
    List<String> removeEarlierSightingsOfPage(ServiceTrack track, Instant seenAt, String snapshotId) {
        if (track.url() == null) {
            return List.of();
        }
        return jdbc.sql("""
                delete from service_tracks where service = :service and url = :url and track_key <> :key
                    and (seen_at, snapshot_id) <= (:seenAt, :snapshot)
                returning track_key""")
                .param("service", track.service().slug()).param("url", track.url()).param("key", track.trackKey())
                .param("seenAt", Timestamp.from(seenAt)).param("snapshot", snapshotId)
                .query(String.class).list();
    }

    /** Marks a track with no sighting left as replaced by the key its sightings moved to. */
    void replace(String trackKey, String replacedBy) {
        jdbc.sql("update tracks set replaced_by = :by where track_key = :key")
                .param("key", trackKey).param("by", replacedBy).update();
    }

    /** The tracks this key replaced. */
    List<CanonicalTrack> replacedBy(String trackKey) {
        return jdbc.sql("select * from tracks where replaced_by = :key")
                .param("key", trackKey)
                .query((rs, row) -> canonical(rs))
                .list();
    }

    List<ServiceTrack> sightings(String trackKey) {
        return jdbc.sql("""
                select track_key, service, isrc, title, artists, album, artwork_url, url from service_tracks
                where track_key = :key""")
                .param("key", trackKey)
                .query((rs, row) -> new ServiceTrack(rs.getString("track_key"), MusicService.ofSlug(rs.getString("service")),
                        rs.getString("isrc"), rs.getString("title"), strings(rs.getArray("artists")), rs.getString("album"),
                        rs.getString("artwork_url"), rs.getString("url")))
                .list();
    }

    Optional<CanonicalTrack> find(String trackKey) {
        return jdbc.sql("select * from tracks where track_key = :key and replaced_by is null")
                .param("key", trackKey)
                .query((rs, row) -> canonical(rs))
                .optional();
    }

    void save(CanonicalTrack track) {
        jdbc.sql("""
                insert into tracks (track_key, isrc, title, artist, album, artwork_url, spotify_url, apple_music_url,
                    soundcloud_url, youtube_url, services)
                values (:key, :isrc, :title, :artist, :album, :artwork, :spotify, :apple, :soundcloud, :youtube, :services)
                on conflict (track_key) do update set isrc = excluded.isrc, title = excluded.title, artist = excluded.artist,
                    album = excluded.album, artwork_url = excluded.artwork_url, spotify_url = excluded.spotify_url,
                    apple_music_url = excluded.apple_music_url, soundcloud_url = excluded.soundcloud_url,
                    youtube_url = excluded.youtube_url, services = excluded.services, replaced_by = null""")
                .param("key", track.trackKey()).param("isrc", track.isrc()).param("title", track.title())
                .param("artist", track.artist()).param("album", track.album()).param("artwork", track.artworkUrl())
                .param("spotify", track.urls().get(MusicService.SPOTIFY))
                .param("apple", track.urls().get(MusicService.APPLE_MUSIC))
                .param("soundcloud", track.urls().get(MusicService.SOUNDCLOUD))
                .param("youtube", track.urls().get(MusicService.YOUTUBE))
                .param("services", track.services().stream().map(MusicService::slug).toArray(String[]::new))
                .update();
    }

    private static CanonicalTrack canonical(ResultSet rs) throws SQLException {
        Map<MusicService, String> urls = new EnumMap<>(MusicService.class);
        putIfPresent(urls, MusicService.SPOTIFY, rs.getString("spotify_url"));
        putIfPresent(urls, MusicService.APPLE_MUSIC, rs.getString("apple_music_url"));
        putIfPresent(urls, MusicService.SOUNDCLOUD, rs.getString("soundcloud_url"));
        putIfPresent(urls, MusicService.YOUTUBE, rs.getString("youtube_url"));
        return new CanonicalTrack(rs.getString("track_key"), rs.getString("isrc"), rs.getString("title"),
                rs.getString("artist"), rs.getString("album"), rs.getString("artwork_url"), urls,
                strings(rs.getArray("services")).stream().map(MusicService::ofSlug).toList());
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
