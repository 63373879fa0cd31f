package io.tunemeld.cache.readmodel;

import io.tunemeld.events.AggregateComputed;
import io.tunemeld.events.PlaylistSnapshotResolved;
import io.tunemeld.events.TrackCanonicalized;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The read side: events update PostgreSQL first, then exactly the Redis keys they affect (so Redis is
 * warm before anyone asks); reads go to Redis and, on a miss, to PostgreSQL, refilling Redis.
 */
@Service
public class ReadModel {

    private final ReadModelRepository repository;
    private final RedisReadCache cache;
    private final CacheTtls ttls;
    private final JsonMapper json = JsonMapper.shared();

    ReadModel(ReadModelRepository repository, RedisReadCache cache, CacheTtls ttls) {
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
        if (repository.saveAggregate(event.getGenre(), event.getComputedAt(), body)) {
            cache.putAggregate(event.getGenre(), body);
        }
    }

    public void apply(PlaylistSnapshotResolved event) {
        var view = new PlaylistView(event.getGenre(), event.getService(), event.getPlaylistName(), event.getPlaylistUrl(),
                event.getFetchedAt().toString(), event.getPlaylistLength(),
                event.getEntries().stream().map(e -> new PlaylistView.Entry(e.getPosition(), e.getTrackKey(), e.getIsrc(),
                        e.getTitle(), String.join(", ", e.getArtists()), e.getUrl(), e.getArtworkUrl(), e.getMatchMethod(),
                        e.getMatchConfidence())).toList());
        String body = json.writeValueAsString(view);
        if (repository.savePlaylist(event.getGenre(), event.getService(), event.getFetchedAt(), body)) {
            cache.putPlaylist(event.getGenre(), event.getService(), body);
        }
    }

    public void apply(TrackCanonicalized event) {
        var view = new TrackView(event.getTrackKey(), event.getIsrc(), event.getTitle(), event.getArtist(), event.getAlbum(),
                event.getArtworkUrl(), event.getSpotifyUrl(), event.getAppleMusicUrl(), event.getSoundcloudUrl(),
                event.getYoutubeUrl());
        String body = json.writeValueAsString(view);
        repository.saveTrack(event.getTrackKey(), event.getIsrc(), body);
        cache.putTrack(event.getTrackKey(), body);
    }

    public List<String> genres() {
        return cache.genres().map(genres -> List.copyOf(new TreeSet<>(genres))).orElseGet(() -> {
            List<String> genres = repository.genres();
            cache.putGenres(genres);
            return genres;
        });
    }

    public Optional<AggregateView> aggregate(String genre) {
        return cacheAside(RedisReadCache.aggregateKey(genre), ttls.aggregate(), () -> repository.aggregate(genre))
                .map(body -> json.readValue(body, AggregateView.class));
    }

    public Optional<PlaylistView> playlist(String genre, String service) {
        return cacheAside(RedisReadCache.playlistKey(genre, service), ttls.playlist(), () -> repository.playlist(genre, service))
                .map(body -> json.readValue(body, PlaylistView.class));
    }

    /** Redis first; on a miss the read model in PostgreSQL, put back into Redis. */
    private Optional<String> cacheAside(String key, Duration ttl, Supplier<Optional<String>> readModel) {
        return cache.get(key).or(() -> readModel.get().map(body -> {
            cache.put(key, body, ttl);
            return body;
        }));
    }

    /** The canonical tracks known among the given keys, by key, in one Redis call and at most one query. */
    public Map<String, TrackView> tracks(Collection<String> trackKeys) {
        Map<String, TrackView> found = new LinkedHashMap<>();
        Map<String, String> cacheKeys = new LinkedHashMap<>();
        trackKeys.forEach(k -> cacheKeys.put(RedisReadCache.trackKey(k), k));
        cache.getAll(cacheKeys.keySet()).values().forEach(body -> add(found, body));
        List<String> missing = trackKeys.stream().filter(k -> !found.containsKey(k)).distinct().toList();
        if (!missing.isEmpty()) {
            repository.tracks(missing).forEach(body -> {
                TrackView track = add(found, body);
                cache.putTrack(track.trackKey(), body);
            });
        }
        return found;
    }

    public Optional<TrackView> trackByIsrc(String isrc) {
        return repository.trackKeyOfIsrc(isrc).map(key -> tracks(List.of(key)).get(key));
    }

    private TrackView add(Map<String, TrackView> found, String body) {
        TrackView track = json.readValue(body, TrackView.class);
        found.put(track.trackKey(), track);
        return track;
    }
}
