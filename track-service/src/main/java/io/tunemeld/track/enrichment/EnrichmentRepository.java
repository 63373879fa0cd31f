package io.tunemeld.track.enrichment;

import io.tunemeld.track.albums.AlbumRating;

import io.tunemeld.platform.spotify.SpotifyArtist;
import io.tunemeld.platform.spotify.SpotifyTrackDetails;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The cascade's schedule (one row per subject and step) and what its steps found. */
@Repository
class EnrichmentRepository {

    /** Joins a subject's genres into one array element; no genre contains it. */
    private static final String GENRES = "\u001f";

    private final JdbcClient jdbc;

    EnrichmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A step to schedule for a subject, seen in these genres, due then. */
    record Planned(String subject, Set<String> genres, Instant dueAt) {
    }

    /** A step's schedule. */
    record State(String subject, EnrichmentStep step, List<String> genres, Instant dueAt, boolean force) {
    }

    /** A request to send: the poll claimed it. */
    record Due(String subject, EnrichmentStep step, boolean force) {
    }

    /**
     * Schedules a step for subjects not scheduled yet; a subject seen in a genre more takes it on (it can
     * only turn steps on). With {@code force}, the step is due now however fresh its result.
     *
     * @param planned at most one per subject
     */
    void plan(EnrichmentStep step, Collection<Planned> planned, boolean force, Instant now) {
        if (planned.isEmpty()) {
            return;
        }
        String onConflict = force
                ? "due_at = :now, force = true, genres = array(select distinct g from unnest(s.genres || excluded.genres) g order by g)"
                : "genres = array(select distinct g from unnest(s.genres || excluded.genres) g order by g) where not s.genres @> excluded.genres";
        jdbc.sql("""
                insert into enrichment_steps as s (subject, step, genres, due_at, force)
                select x.subject, :step, string_to_array(x.genres, :separator), x.due_at, :force
                from unnest(cast(:subjects as text[]), cast(:genres as text[]), cast(:dues as timestamptz[])) as x(subject, genres, due_at)
                on conflict (subject, step) do update set\s""" + onConflict)
                .param("step", step.name()).param("force", force).param("now", Timestamp.from(now)).param("separator", GENRES)
                .param("subjects", planned.stream().map(Planned::subject).toArray(String[]::new))
                .param("genres", planned.stream().map(p -> String.join(GENRES, p.genres().stream().sorted().toList())).toArray(String[]::new))
                .param("dues", planned.stream().map(p -> Timestamp.from(p.dueAt())).toArray(Timestamp[]::new))
                .update();
    }

    /**
     * Tracks with no metadata step yet (known from before enrichment was on): scheduled now, with the
     * default settings, since their genres are not known here.
     *
     * @return how many
     */
    int planUnscheduledTracks(Instant now) {
        return jdbc.sql("""
                insert into enrichment_steps (subject, step, genres, due_at)
                select t.track_key, :step, '{}', :now from tracks t
                where t.replaced_by is null
                  and not exists (select 1 from enrichment_steps s where s.subject = t.track_key and s.step = :step)""")
                .param("step", EnrichmentStep.TRACK_METADATA.name()).param("now", Timestamp.from(now)).update();
    }

    /**
     * Makes the metadata step of every track (or one) due now, fresh or not.
     *
     * @return how many
     */
    int forceTracks(Optional<String> trackKey, Instant now) {
        return jdbc.sql("update enrichment_steps set due_at = :now, force = true where step = :step"
                        + (trackKey.isPresent() ? " and subject = :key" : ""))
                .param("step", EnrichmentStep.TRACK_METADATA.name()).param("now", Timestamp.from(now))
                .params(trackKey.map(key -> Map.of("key", (Object) key)).orElse(Map.of()))
                .update();
    }

    /**
     * Claims the steps that are due and whose request has not gone out since (or went out so long ago
     * that it was lost), oldest first; replicas polling together each claim others.
     */
    List<Due> claimDue(Instant now, Instant unansweredBefore, int limit) {
        return jdbc.sql("""
                update enrichment_steps s set requested_at = :now
                from (select subject, step from enrichment_steps
                      where due_at <= :now and (requested_at is null or requested_at < due_at or requested_at < :unanswered)
                      order by due_at limit :limit for update skip locked) d
                where s.subject = d.subject and s.step = d.step
                returning s.subject, s.step, s.force""")
                .param("now", Timestamp.from(now)).param("unanswered", Timestamp.from(unansweredBefore)).param("limit", limit)
                .query((rs, row) -> new Due(rs.getString("subject"), EnrichmentStep.valueOf(rs.getString("step")), rs.getBoolean("force")))
                .list();
    }

    /** Requests sent and not answered yet (leaving out those so old they count as lost). */
    int awaitingAnswer(Instant unansweredBefore) {
        return jdbc.sql("select count(*) from enrichment_steps where requested_at >= due_at and requested_at >= :unanswered")
                .param("unanswered", Timestamp.from(unansweredBefore)).query(Integer.class).single();
    }

    /** Every step of a track that is gone (re-keyed). */
    void forget(String trackKey) {
        jdbc.sql("delete from enrichment_steps where subject = :key and step <> :artist")
                .param("key", trackKey).param("artist", EnrichmentStep.ARTIST_METADATA.name()).update();
    }

    Optional<State> state(String subject, EnrichmentStep step) {
        return jdbc.sql("select genres, due_at, force from enrichment_steps where subject = :subject and step = :step")
                .param("subject", subject).param("step", step.name())
                .query((rs, row) -> new State(subject, step, strings(rs.getArray("genres")), instant(rs, "due_at"), rs.getBoolean("force")))
                .optional();
    }

    /** Records an attempt's outcome and when the step is next due. */
    void finish(String subject, EnrichmentStep step, Outcome outcome, String detail, Instant now, Instant nextDue) {
        jdbc.sql("""
                update enrichment_steps set attempted_at = :now, outcome = :outcome, detail = :detail, force = false,
                    due_at = :next, done_at = case when :lasts then :now else done_at end
                where subject = :subject and step = :step""")
                .param("subject", subject).param("step", step.name()).param("now", Timestamp.from(now))
                .param("outcome", outcome.name()).param("detail", detail).param("lasts", outcome.lasts())
                .param("next", Timestamp.from(nextDue)).update();
    }

    /** A step's last attempt. */
    record Attempt(String subject, EnrichmentStep step, Outcome outcome, String detail) {
    }

    /** The steps last attempted after {@code from} and until {@code to}, in the order they were. */
    List<Attempt> attemptedBetween(Instant from, Instant to) {
        return jdbc.sql("""
                select subject, step, outcome, detail from enrichment_steps
                where attempted_at > :from and attempted_at <= :to order by attempted_at, subject, step""")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, row) -> new Attempt(rs.getString("subject"), EnrichmentStep.valueOf(rs.getString("step")),
                        Outcome.valueOf(rs.getString("outcome")), rs.getString("detail"))).list();
    }

    /** Where the last report ended, locked until the transaction ends, so that one replica reports at a time. */
    Instant lockReportedUntil() {
        return jdbc.sql("select reported_until from enrichment_report for update").query(Timestamp.class).single().toInstant();
    }

    void reportedUntil(Instant until) {
        jdbc.sql("update enrichment_report set reported_until = :until").param("until", Timestamp.from(until)).update();
    }

    /** How a step's last attempt ended. */
    enum Outcome {
        /** Found and stored. */
        ENRICHED,
        /** The platform does not know the subject (or the track has gone): nothing to store. */
        NOT_FOUND,
        /** The call failed (an outage, a quota): tried again later. */
        FAILED,
        /** Nothing could be asked (the platform is not configured): tried again later. */
        SKIPPED;

        /** Found, or known not to be there: a result that stays until it is old (a failure is tried again sooner). */
        boolean lasts() {
            return this == ENRICHED || this == NOT_FOUND;
        }
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
                        rs.getObject("explicit", Boolean.class), strings(rs.getArray("artist_ids")), strings(rs.getArray("artist_names")),
                        rs.getString("url") == null ? null : new EnrichedTrack.RatedAlbum(new AlbumRating(rs.getString("url"),
                                rs.getObject("critic_score", Double.class), rs.getObject("critic_reviews", Integer.class),
                                rs.getObject("user_score", Double.class), rs.getObject("user_ratings", Integer.class),
                                strings(rs.getArray("genres"))), instant(rs, "rated_at"))))
                .list();
        Map<String, EnrichedTrack.Artist> known = new HashMap<>();
        jdbc.sql("select * from artists where artist_id = any(:ids)")
                .param("ids", tracks.stream().flatMap(track -> track.artistIds().stream()).distinct().toArray(String[]::new))
                .query((rs, row) -> known.put(rs.getString("artist_id"), new EnrichedTrack.Artist(rs.getString("artist_id"),
                        rs.getString("name"), strings(rs.getArray("genres")), rs.getObject("popularity", Integer.class),
                        rs.getObject("followers", Long.class), instant(rs, "fetched_at"))))
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

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
