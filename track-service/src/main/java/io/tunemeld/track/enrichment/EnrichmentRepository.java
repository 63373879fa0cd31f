package io.tunemeld.track.enrichment;

import io.tunemeld.platform.spotify.SpotifyArtist;
import io.tunemeld.platform.spotify.SpotifyTrackDetails;
import io.tunemeld.track.albums.AlbumRating;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What the cascade's steps found: tracks' Spotify metadata, artists, albums and their ratings. */
@Repository
class EnrichmentRepository {

    private final JdbcClient jdbc;

    EnrichmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What the track table knows of a track that is still under its key. */
    record TrackFacts(String trackKey, String isrc, String spotifyUrl) {
    }

    Optional<TrackFacts> track(String trackKey) {
        return jdbc.sql("select track_key, isrc, spotify_url from tracks where track_key = :key and replaced_by is null")
                .param("key", trackKey)
                .query((rs, row) -> new TrackFacts(rs.getString("track_key"), rs.getString("isrc"), rs.getString("spotify_url")))
                .optional();
    }

    void saveTrack(String trackKey, SpotifyTrackDetails details, Instant at) {
        jdbc.sql("""
                insert into track_metadata (track_key, spotify_id, album, album_key, release_date, duration_ms, popularity, explicit,
                    artist_ids, artist_names, fetched_at)
                values (:key, :id, :album, :albumKey, :released, :duration, :popularity, :explicit, :artistIds, :artistNames, :at)
                on conflict (track_key) do update set spotify_id = excluded.spotify_id, album = excluded.album, album_key = excluded.album_key,
                    release_date = excluded.release_date, duration_ms = excluded.duration_ms, popularity = excluded.popularity,
                    explicit = excluded.explicit, artist_ids = excluded.artist_ids, artist_names = excluded.artist_names,
                    fetched_at = excluded.fetched_at""")
                .param("key", trackKey).param("id", details.id()).param("album", details.album())
                .param("albumKey", Album.of(details).map(Album::key).orElse(null))
                .param("released", details.releaseDate()).param("duration", details.durationMs())
                .param("popularity", details.popularity()).param("explicit", details.explicit())
                .param("artistIds", details.artists().stream().map(SpotifyTrackDetails.Artist::id).toArray(String[]::new))
                .param("artistNames", details.artists().stream().map(SpotifyTrackDetails.Artist::name).toArray(String[]::new))
                .param("at", Timestamp.from(at)).update();
    }

    /** Keeps the album's artist and title for its ratings step, once. */
    void saveAlbum(Album album) {
        jdbc.sql("insert into albums (album_key, artist, title) values (:key, :artist, :title) on conflict (album_key) do nothing")
                .param("key", album.key()).param("artist", album.artist()).param("title", album.title()).update();
    }

    Optional<Album> album(String key) {
        return jdbc.sql("select artist, title from albums where album_key = :key").param("key", key)
                .query((rs, row) -> new Album(key, rs.getString("artist"), rs.getString("title"))).optional();
    }

    void saveAlbumRating(String key, AlbumRating rating, Instant at) {
        jdbc.sql("""
                update albums set url = :url, critic_score = :critic, critic_reviews = :criticReviews, user_score = :user,
                    user_ratings = :userRatings, genres = :genres, rated_at = :at
                where album_key = :key""")
                .param("key", key).param("url", rating.url()).param("critic", rating.criticScore())
                .param("criticReviews", rating.criticReviews()).param("user", rating.userScore()).param("userRatings", rating.userRatings())
                .param("genres", rating.genres().toArray(String[]::new)).param("at", Timestamp.from(at)).update();
    }

    /** The live tracks whose metadata names the album. */
    List<String> tracksOfAlbum(String key) {
        return jdbc.sql("""
                select m.track_key from track_metadata m join tracks t on t.track_key = m.track_key
                where m.album_key = :key and t.replaced_by is null order by m.track_key""")
                .param("key", key).query(String.class).list();
    }

    void saveArtist(SpotifyArtist artist, Instant at) {
        jdbc.sql("""
                insert into artists (artist_id, name, genres, popularity, followers, fetched_at)
                values (:id, :name, :genres, :popularity, :followers, :at)
                on conflict (artist_id) do update set name = excluded.name, genres = excluded.genres,
                    popularity = excluded.popularity, followers = excluded.followers, fetched_at = excluded.fetched_at""")
                .param("id", artist.id()).param("name", artist.name()).param("genres", artist.genres().toArray(String[]::new))
                .param("popularity", artist.popularity()).param("followers", artist.followers())
                .param("at", Timestamp.from(at)).update();
    }

    /** A track's stored metadata with what is known of each of its artists, in the track's artist order. */
    /** @param albumRating null until its album was rated */
    record EnrichedTrack(String trackKey, String spotifyId, String album, String releaseDate, Long durationMs, Integer popularity,
            Boolean explicit, List<Artist> artists, RatedAlbum albumRating) {

        /** The album's rating, and when it was read. */
        record RatedAlbum(AlbumRating rating, Instant ratedAt) {
        }

        /** An artist of the track: only the name and id until its own metadata is fetched. */
        record Artist(String id, String name, List<String> genres, Integer popularity, Long followers, Instant fetchedAt) {
        }
    }

    Optional<EnrichedTrack> enrichedTrack(String trackKey) {
        return enrichedTracks(List.of(trackKey)).stream().findFirst();
    }

    /** The stored metadata of these tracks (those that have some), by key, in two queries however many. */
    List<EnrichedTrack> enrichedTracks(Collection<String> trackKeys) {
        record Row(String trackKey, String spotifyId, String album, String releaseDate, Long durationMs, Integer popularity,
                Boolean explicit, List<String> artistIds, List<String> artistNames, EnrichedTrack.RatedAlbum albumRating) {
        }
        List<Row> tracks = jdbc.sql("""
                select m.*, a.url, a.critic_score, a.critic_reviews, a.user_score, a.user_ratings, a.genres, a.rated_at
                from track_metadata m left join albums a on a.album_key = m.album_key and a.rated_at is not null
                where m.track_key = any(:keys) order by m.track_key""")
                .param("keys", trackKeys.toArray(String[]::new))
                .query((rs, row) -> new Row(rs.getString("track_key"), rs.getString("spotify_id"), rs.getString("album"),
                        rs.getString("release_date"), rs.getObject("duration_ms", Long.class), rs.getObject("popularity", Integer.class),
                        rs.getObject("explicit", Boolean.class), EnrichmentSchedule.strings(rs.getArray("artist_ids")), EnrichmentSchedule.strings(rs.getArray("artist_names")),
                        rs.getString("url") == null ? null : new EnrichedTrack.RatedAlbum(new AlbumRating(rs.getString("url"),
                                rs.getObject("critic_score", Double.class), rs.getObject("critic_reviews", Integer.class),
                                rs.getObject("user_score", Double.class), rs.getObject("user_ratings", Integer.class),
                                EnrichmentSchedule.strings(rs.getArray("genres"))), EnrichmentSchedule.instant(rs, "rated_at"))))
                .list();
        Map<String, EnrichedTrack.Artist> known = new HashMap<>();
        jdbc.sql("select * from artists where artist_id = any(:ids)")
                .param("ids", tracks.stream().flatMap(track -> track.artistIds().stream()).distinct().toArray(String[]::new))
                .query((rs, row) -> known.put(rs.getString("artist_id"), new EnrichedTrack.Artist(rs.getString("artist_id"),
                        rs.getString("name"), EnrichmentSchedule.strings(rs.getArray("genres")), rs.getObject("popularity", Integer.class),
                        rs.getObject("followers", Long.class), EnrichmentSchedule.instant(rs, "fetched_at"))))
                .list();
        List<EnrichedTrack> enriched = new ArrayList<>();
        for (Row track : tracks) {
            List<EnrichedTrack.Artist> artists = new ArrayList<>();
            for (int i = 0; i < track.artistIds().size(); i++) {
                String id = track.artistIds().get(i);
                artists.add(known.getOrDefault(id, new EnrichedTrack.Artist(id, track.artistNames().get(i), List.of(), null, null, null)));
            }
            enriched.add(new EnrichedTrack(track.trackKey(), track.spotifyId(), track.album(), track.releaseDate(), track.durationMs(),
                    track.popularity(), track.explicit(), artists, track.albumRating()));
        }
        return enriched;
    }

    /** The tracks that name this artist and are still under their key. */
    List<String> tracksOfArtist(String artistId) {
        return jdbc.sql("""
                select m.track_key from track_metadata m join tracks t on t.track_key = m.track_key
                where m.artist_ids @> array[cast(:id as text)] and t.replaced_by is null order by m.track_key""")
                .param("id", artistId).query(String.class).list();
    }
}
