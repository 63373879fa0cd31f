package io.tunemeld.cache.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.embedded.ServiceDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** cache-service's read model on its own migrations in a real PostgreSQL: what arrives late never overwrites what is newer. */
class ReadModelRepositoryTest {

    private static final Instant COMPUTED = Instant.parse("2026-11-30T06:00:00Z");

    private final ReadModelRepository readModel = new ReadModelRepository(ServiceDatabase.of("cache").jdbc());
    private final String key = "QZRDM" + UUID.randomUUID().toString().substring(0, 7);

    @Test
    void anAggregateOlderThanTheOneHeldIsIgnored() {
        String genre = "genre-" + UUID.randomUUID();
        assertThat(readModel.saveAggregate(genre, COMPUTED.plusSeconds(60), "{\"edition\":2}")).isTrue();
        assertThat(readModel.saveAggregate(genre, COMPUTED, "{\"edition\":1}")).isFalse();

        assertThat(readModel.aggregate(genre)).hasValue("{\"edition\":2}");
    }

    @Test
    void aTrackVersionOlderThanTheOneStoredIsIgnored() {
        assertThat(readModel.saveTracks(Map.of(key, "{\"v\":2}"), Map.of(key, key), Map.of(key, 2L))).containsExactly(key);
        assertThat(readModel.saveTracks(Map.of(key, "{\"v\":1}"), Map.of(key, key), Map.of(key, 1L))).isEmpty();

        assertThat(readModel.tracks(List.of(key))).containsExactly("{\"v\":2}");
        assertThat(readModel.trackKeyOfIsrc(key)).hasValue(key);
    }

    /** A re-keyed track is removed with its details, and its older state published late stays out; a newer one comes back. */
    @Test
    void aReplacedTrackStaysGoneForItsOlderVersionsOnly() {
        readModel.saveTracks(Map.of(key, "{\"v\":1}"), Map.of(key, key), Map.of(key, 1L));
        readModel.saveTrackDetails(key, "{\"rating\":90}", COMPUTED);

        assertThat(readModel.replaceTracks(Map.of(key, 5L))).containsExactly(key);
        assertThat(readModel.tracks(List.of(key))).isEmpty();
        assertThat(readModel.trackDetails(List.of(key))).isEmpty();
        assertThat(readModel.saveTracks(Map.of(key, "{\"v\":4}"), Map.of(key, key), Map.of(key, 4L))).as("published late").isEmpty();
        assertThat(readModel.saveTracks(Map.of(key, "{\"v\":6}"), Map.of(key, key), Map.of(key, 6L))).containsExactly(key);
        assertThat(readModel.tracks(List.of(key))).containsExactly("{\"v\":6}");
    }
}
