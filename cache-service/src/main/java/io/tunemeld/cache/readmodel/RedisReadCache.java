package io.tunemeld.cache.readmodel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Redis in front of the read model. Each event writes exactly the keys it affects (never a flush);
 * a Redis failure is logged and reported as a miss, so the API answers from PostgreSQL. A key whose write
 * Redis refused may still hold what it held before: it is remembered, and deleted (reads then refill it
 * from PostgreSQL) together with a new version at the next write or repair that Redis takes.
 */
@Component
public class RedisReadCache {

    private static final Logger log = LoggerFactory.getLogger(RedisReadCache.class);
    private static final String PREFIX = "tunemeld:";
    static final String GENRES = PREFIX + "genres";
    /** Changes with every write of the read model: whatever was derived from an older one is stale. */
    static final String VERSION = PREFIX + "version";

    private final StringRedisTemplate redis;
    private final CacheTtls ttls;
    private final Counter hits;
    private final Counter misses;
    private final Counter errors;
    /** More unwritten keys than this, and the read model is rewritten as a whole instead. */
    static final int MAX_UNWRITTEN = 50_000;

    private final AtomicBoolean down = new AtomicBoolean();
    private final Set<String> unwritten = ConcurrentHashMap.newKeySet();
    /** Genres the genre set may lack: it only grows, one genre at a time, so it is repaired by adding, never deleted. */
    private final Set<String> unwrittenGenres = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean tooManyUnwritten = new AtomicBoolean();

    RedisReadCache(StringRedisTemplate redis, CacheTtls ttls, MeterRegistry meters) {
        this.redis = redis;
        this.ttls = ttls;
        this.hits = counter(meters, "hit");
        this.misses = counter(meters, "miss");
        this.errors = counter(meters, "error");
    }

    private static Counter counter(MeterRegistry meters, String result) {
        return Counter.builder("tunemeld.cache.lookups").tag("result", result)
                .description("Read-model look-ups in Redis: hit, miss (read from PostgreSQL), or error (Redis down)")
                .register(meters);
    }

    static String aggregateKey(String genre) {
        return PREFIX + "aggregate:" + genre;
    }

    static String playlistKey(String genre, String service) {
        return PREFIX + "playlist:" + genre + ":" + service;
    }

    static String trackKey(String trackKey) {
        return PREFIX + "track:" + trackKey;
    }

    void putAggregate(String genre, String body) {
        write(List.of(aggregateKey(genre)), List.of(genre), () -> {
            redis.opsForValue().set(aggregateKey(genre), body, ttls.aggregate());
            redis.opsForSet().add(GENRES, genre);
            return null;
        });
    }

    void putPlaylist(String genre, String service, String body) {
        write(List.of(playlistKey(genre, service)), List.of(genre), () -> {
            redis.opsForValue().set(playlistKey(genre, service), body, ttls.playlist());
            redis.opsForSet().add(GENRES, genre);
            return null;
        });
    }

    static String viewCountsKey(String isrc) {
        return PREFIX + "views:" + isrc;
    }

    static String trackDetailsKey(String trackKey) {
        return PREFIX + "details:" + trackKey;
    }

    void putViewCounts(String isrc, String body) {
        put(viewCountsKey(isrc), body, ttls.views());
    }

    void put(String key, String body, Duration ttl) {
        write(List.of(key), () -> {
            redis.opsForValue().set(key, body, ttl);
            return null;
        });
    }

    /**
     * Puts what a read found in PostgreSQL back, unless the key is there already: an event may have written
     * a newer document since that read (another replica, another listener), which a stale read must not
     * overwrite. A refused fill leaves nothing stale, so it is not remembered for repair.
     */
    void fill(String key, String body, Duration ttl) {
        quietly(() -> redis.opsForValue().setIfAbsent(key, body, ttl));
    }

    void delete(Collection<String> keys) {
        if (!keys.isEmpty()) {
            write(keys, () -> redis.delete(keys));
        }
    }

    /** Track documents by track key, in one pipeline. */
    void putTracks(Map<String, String> bodies) {
        if (bodies.isEmpty()) {
            return;
        }
        write(bodies.keySet().stream().map(RedisReadCache::trackKey).toList(), () -> redis.executePipelined(new SessionCallback<Object>() {
            @Override
            @SuppressWarnings("unchecked")
            public Object execute(RedisOperations operations) {
                bodies.forEach((key, body) -> operations.opsForValue().set(trackKey(key), body, ttls.track()));
                return null;
            }
        }));
    }

    Optional<String> get(String key) {
        boolean[] failed = {false};
        String value = quietly(() -> redis.opsForValue().get(key), failed);
        (failed[0] ? errors : value == null ? misses : hits).increment();
        return Optional.ofNullable(value);
    }

    /** Values of the keys that are cached; absent keys (and all keys if Redis is down) are left out. */
    Map<String, String> getAll(Collection<String> keys) {
        List<String> ordered = List.copyOf(keys);
        Map<String, String> found = new HashMap<>();
        if (ordered.isEmpty()) {
            return found;
        }
        boolean[] failed = {false};
        List<String> values = quietly(() -> redis.opsForValue().multiGet(ordered), failed);
        for (int i = 0; values != null && i < ordered.size(); i++) {
            if (values.get(i) != null) {
                found.put(ordered.get(i), values.get(i));
            }
        }
        if (failed[0]) {
            errors.increment(ordered.size());
        } else {
            hits.increment(found.size());
            misses.increment(ordered.size() - found.size());
        }
        return found;
    }

    Optional<Set<String>> genres() {
        Set<String> genres = quietly(() -> redis.opsForSet().members(GENRES));
        return genres == null || genres.isEmpty() ? Optional.empty() : Optional.of(genres);
    }

    /**
     * A new, never repeated version (also after a Redis restart), set after the write it stands for; the
     * keys earlier writes left stale are deleted first, so the new version stands for them too.
     */
    void newVersion() {
        List<String> stale = new ArrayList<>();
        unwritten.removeIf(key -> stale.add(key));
        stale.remove(VERSION);
        List<String> genres = new ArrayList<>();
        unwrittenGenres.removeIf(genre -> genres.add(genre));
        List<String> affected = new ArrayList<>(stale);
        affected.add(VERSION);
        if (write(affected, genres, () -> {
            if (!stale.isEmpty()) {
                redis.delete(stale);
            }
            if (!genres.isEmpty()) {
                redis.opsForSet().add(GENRES, genres.toArray(String[]::new));
            }
            redis.opsForValue().set(VERSION, UUID.randomUUID().toString());
            return null;
        }) && !stale.isEmpty()) {
            log.info("repaired {} Redis keys whose writes Redis had refused: deleted, to be read again from PostgreSQL", stale.size());
        }
    }

    /** Whether writes Redis refused wait for repair ({@link #newVersion()} does it). */
    boolean hasUnwritten() {
        return !unwritten.isEmpty() || !unwrittenGenres.isEmpty();
    }

    /** Whether more writes were refused than are remembered (reset by asking): the read model must be rewritten whole. */
    boolean takeTooManyUnwritten() {
        return tooManyUnwritten.getAndSet(false);
    }

    /** Empty when Redis is down or holds no version yet. */
    Optional<String> version() {
        return Optional.ofNullable(quietly(() -> redis.opsForValue().get(VERSION)));
    }

    /** Whether Redis answers and holds none of the read model (its genre set is the first key written). */
    boolean reachableAndEmpty() {
        return Boolean.FALSE.equals(quietly(() -> redis.hasKey(GENRES)));
    }

    void putGenres(Collection<String> genres) {
        if (!genres.isEmpty()) {
            write(List.of(), genres, () -> redis.opsForSet().add(GENRES, genres.toArray(String[]::new)));
        }
    }

    private boolean write(Collection<String> keys, Supplier<?> operation) {
        return write(keys, List.of(), operation);
    }

    /**
     * Runs a write; if Redis refuses it, its keys are remembered as possibly stale, and its genres as
     * possibly missing from the genre set. Whether it was taken.
     */
    private boolean write(Collection<String> keys, Collection<String> genres, Supplier<?> operation) {
        boolean[] failed = {false};
        quietly(operation, failed);
        if (failed[0]) {
            unwrittenGenres.addAll(genres);
            if (unwritten.size() + keys.size() > MAX_UNWRITTEN) {
                tooManyUnwritten.set(true);
                unwritten.clear();
            } else {
                unwritten.addAll(keys);
            }
            unwritten.add(VERSION);
        }
        return !failed[0];
    }

    private <T> T quietly(Supplier<T> operation) {
        return quietly(operation, new boolean[1]);
    }

    /** Logs an outage when it starts and when it ends, not at every call it fails (a flood under load). */
    private <T> T quietly(Supplier<T> operation, boolean[] failed) {
        T result;
        try {
            result = operation.get();
        } catch (DataAccessException | IllegalStateException e) {
            if (down.compareAndSet(false, true)) {
                log.warn("Redis unavailable, using PostgreSQL until it answers again: {}", e.getMessage());
            } else {
                log.debug("Redis still unavailable: {}", e.getMessage());
            }
            failed[0] = true;
            return null;
        }
        if (down.compareAndSet(true, false)) {
            log.info("Redis answers again");
        }
        return result;
    }
}
