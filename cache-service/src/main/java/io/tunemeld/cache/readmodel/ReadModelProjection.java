package io.tunemeld.cache.readmodel;

import io.tunemeld.events.AggregateComputed;
import io.tunemeld.events.PlaylistSnapshotResolved;
import io.tunemeld.events.TrackCanonicalized;
import io.tunemeld.events.TrackEnriched;
import io.tunemeld.events.ViewsCounted;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The read side's writes: each event updates PostgreSQL first, then exactly the Redis keys it affects (so
 * Redis is warm before anyone asks), then moves the read model's version on.
 */
@Service
public class ReadModelProjection {

    private final ReadModelRepository repository;
    private final RedisReadCache cache;
    private final CacheTtls ttls;
    private final JsonMapper json = JsonMapper.shared();

    ReadModelProjection(ReadModelRepository repository, RedisReadCache cache, CacheTtls ttls) {
        this.repository = repository;
        this.cache = cache;
        this.ttls = ttls;
    }

    public void apply(AggregateComputed event) {
        var view = new AggregateView(event.getGenre(), event.getComputedAt().toString(), event.getStrategy(),
                event.getEntries().stream().map(e -> new AggregateView.Entry(e.getRank(), e.getScore(), e.getTrackKey(),
                        e.getIsrc(), e.getTitle(), e.getArtist(), e.getServiceCount(),
                        e.getPositions().stream().map(p -> new AggregateView.Position(p.getService(), p.getPosition(),
                                p.getMatchMethod(), p.getMatchConfidence())).toList(),
                        e.getPreviousRank(), e.getPeakRank(), e.getDaysOnList(), e.getMovement()))
                        .toList());
        String body = json.writeValueAsString(view);
        // the rank history may change even when a newer aggregate is held
        boolean ranksChanged = repository.saveRanks(event.getGenre(), event.getComputedAt(), view.entries()) > 0;
        boolean newer = repository.saveAggregate(event.getGenre(), event.getComputedAt(), body);
        if (newer) {
            cache.putAggregate(event.getGenre(), body);
        }
        if (newer || ranksChanged) {
            cache.newVersion();
        }
    }

    public void apply(PlaylistSnapshotResolved event) {
        var view = new PlaylistView(event.getGenre(), event.getService(), event.getPlaylistName(), event.getPlaylistUrl(),
                event.getFetchedAt().toString(), event.getPlaylistLength(),
                event.getEntries().stream().map(e -> new PlaylistView.Entry(e.getPosition(), e.getTrackKey(), e.getIsrc(),
                        e.getTitle(), String.join(", ", e.getArtists()), e.getUrl(), e.getArtworkUrl(), e.getMatchMethod(),
                        e.getMatchConfidence(), e.getPlayCount())).toList());
        String body = json.writeValueAsString(view);
        if (repository.savePlaylist(event.getGenre(), event.getService(), event.getFetchedAt(), event.getResolvedAt(), body)) {
            cache.putPlaylist(event.getGenre(), event.getService(), body);
            cache.newVersion();
        }
    }

    public void apply(TrackCanonicalized event) {
        apply(List.of(event));
    }

    /**
     * Tracks in order: one statement and one Redis pipeline for all. Of a key's events the greatest version
     * wins (between equals the last), here and against what is stored: two track-service replicas may
     * publish one key's states out of order.
     */
    public void apply(List<TrackCanonicalized> events) {
        Map<String, TrackCanonicalized> latest = new LinkedHashMap<>();
        events.forEach(event -> latest.merge(event.getTrackKey(), event,
                (kept, next) -> next.getVersion() >= kept.getVersion() ? next : kept));
        Map<String, String> bodies = new LinkedHashMap<>();
        Map<String, String> isrcs = new LinkedHashMap<>();
        Map<String, Long> versions = new LinkedHashMap<>();
        Map<String, Long> gone = new LinkedHashMap<>();
        latest.forEach((key, event) -> {
            if (event.getReplacedBy() != null) {
                // the track is gone under this key (re-keyed): playlists and aggregates now name the new one
                gone.put(key, event.getVersion());
                return;
            }
            bodies.put(key, json.writeValueAsString(new TrackView(key, event.getIsrc(), event.getTitle(), event.getArtist(),
                    event.getAlbum(), event.getArtworkUrl(), event.getSpotifyUrl(), event.getAppleMusicUrl(),
                    event.getSoundcloudUrl(), event.getYoutubeUrl())));
            isrcs.put(key, event.getIsrc());
            versions.put(key, event.getVersion());
        });
        bodies.keySet().retainAll(repository.saveTracks(bodies, isrcs, versions));
        Set<String> removed = repository.replaceTracks(gone);
        cache.putTracks(bodies);
        cache.delete(removed.stream().flatMap(key -> Stream.of(RedisReadCache.trackKey(key),
                RedisReadCache.trackDetailsKey(key))).toList());
        cache.newVersion();
    }

    public void apply(TrackEnriched event) {
        String body = json.writeValueAsString(new TrackDetailsView(event.getTrackKey(), event.getSpotifyId(), event.getAlbum(),
                event.getReleaseDate(), event.getDurationMs(), event.getPopularity(), event.getExplicit(), event.getGenres(),
                event.getArtists().stream().map(artist -> new TrackDetailsView.Artist(artist.getId(), artist.getName(),
                        artist.getGenres(), artist.getPopularity(), artist.getFollowers())).toList(),
                Optional.ofNullable(event.getAlbumRating()).map(rating -> new TrackDetailsView.AlbumRating(rating.getUrl(),
                        rating.getCriticScore(), rating.getCriticReviews(), rating.getUserScore(), rating.getUserRatings(),
                        rating.getGenres(), rating.getRatedAt().toString())).orElse(null)));
        if (repository.saveTrackDetails(event.getTrackKey(), body, event.getOccurredAt())) {
            cache.put(RedisReadCache.trackDetailsKey(event.getTrackKey()), body, ttls.track());
            cache.newVersion();
        }
    }

    public void apply(ViewsCounted event) {
        repository.saveViewCount(event.getIsrc(), event.getService(), event.getDate(), event.getCount(), event.getDelta(),
                event.getAlert() == null ? null : new ViewCountsView.Alert(event.getAlert().getKind(), event.getAlert().getTrailingAverage()),
                event.getOccurredAt());
        repository.viewDocuments(List.of(event.getIsrc())).forEach((isrc, body) -> cache.putViewCounts(isrc, body));
        cache.newVersion();
    }

    /** Another feature's write that answers may depend on: the read model's version moves on. */
    public void changed() {
        cache.newVersion();
    }
}
