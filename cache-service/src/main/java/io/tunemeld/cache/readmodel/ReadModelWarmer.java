package io.tunemeld.cache.readmodel;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** Refills Redis from PostgreSQL: at start when it lost its keys, when its writes were refused, for a genre on request. */
@Service
public class ReadModelWarmer {

    private static final Logger log = LoggerFactory.getLogger(ReadModelWarmer.class);
    /** Tracks (and tracks whose view counts) are warmed this many per pipeline (per query) when Redis is refilled. */
    private static final int WARM_BATCH = 500;

    private final ReadModelRepository repository;
    private final RedisReadCache cache;
    private final JsonMapper json = JsonMapper.shared();

    ReadModelWarmer(ReadModelRepository repository, RedisReadCache cache) {
        this.repository = repository;
        this.cache = cache;
    }

    /** At start, a Redis that lost its keys (restarted, or new) is refilled before the first request. */
    @EventListener(ApplicationReadyEvent.class)
    void warmIfEmpty() {
        if (cache.reachableAndEmpty()) {
            warm();
        }
    }

    /**
     * Repairs what writes Redis refused (a blip, a failover) while no event comes to do it: the keys they
     * left stale, or, when there were too many to remember, the whole read model.
     */
    @Scheduled(fixedDelayString = "${tunemeld.cache.repair-interval}")
    void repairRefusedWrites() {
        if (cache.takeTooManyUnwritten()) {
            log.info("Redis refused more writes than are remembered: rewriting the read model");
            warm();
        } else if (cache.hasUnwritten()) {
            cache.newVersion();
        }
    }

    /** Refills Redis from PostgreSQL, for a Redis that restarted empty; events keep it warm from then on. */
    public int warm() {
        int[] keys = {0};
        repository.forEachAggregate((genre, body) -> {
            cache.putAggregate(genre, body);
            keys[0]++;
        });
        repository.forEachPlaylist(playlist -> {
            cache.putPlaylist(playlist.genre(), playlist.service(), playlist.body());
            keys[0]++;
        });
        Map<String, String> tracks = new LinkedHashMap<>();
        repository.forEachTrack((trackKey, body) -> {
            tracks.put(trackKey, body);
            if (tracks.size() == WARM_BATCH) {
                cache.putTracks(tracks);
                keys[0] += tracks.size();
                tracks.clear();
            }
        });
        cache.putTracks(tracks);
        keys[0] += tracks.size();
        List<String> isrcs = repository.viewCountedIsrcs();
        for (int from = 0; from < isrcs.size(); from += WARM_BATCH) {
            repository.viewDocuments(isrcs.subList(from, Math.min(isrcs.size(), from + WARM_BATCH))).forEach((isrc, body) -> {
                cache.putViewCounts(isrc, body);
                keys[0]++;
            });
        }
        cache.newVersion();
        log.info("warmed {} Redis keys from the read model", keys[0]);
        return keys[0];
    }

    /**
     * Rewrites one genre's Redis keys from PostgreSQL (its aggregate, its playlists and the tracks they
     * list) and moves the version on, for a cache an operator knows is wrong; nothing else is touched.
     *
     * @return the keys written; empty when the read model has no such genre
     */
    public OptionalInt refresh(String genre) {
        Optional<String> aggregate = repository.aggregate(genre);
        List<ReadModelRepository.PlaylistDocument> playlists = repository.playlists(genre);
        if (aggregate.isEmpty() && playlists.isEmpty()) {
            return OptionalInt.empty();
        }
        Set<String> trackKeys = new LinkedHashSet<>();
        aggregate.ifPresent(body -> {
            cache.putAggregate(genre, body);
            json.readValue(body, AggregateView.class).entries().forEach(entry -> trackKeys.add(entry.trackKey()));
        });
        for (var playlist : playlists) {
            cache.putPlaylist(genre, playlist.service(), playlist.body());
            json.readValue(playlist.body(), PlaylistView.class).entries().forEach(entry -> trackKeys.add(entry.trackKey()));
        }
        Map<String, String> tracks = repository.trackDocuments(trackKeys);
        cache.putTracks(tracks);
        cache.newVersion();
        int keys = (aggregate.isPresent() ? 1 : 0) + playlists.size() + tracks.size();
        log.info("refreshed {} Redis keys of genre {} from the read model", keys, genre);
        return OptionalInt.of(keys);
    }
}
