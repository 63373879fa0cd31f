package io.tunemeld.aggregate.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.aggregate.ranking.ChartEntry;
import io.tunemeld.aggregate.ranking.ChartStatistics;
import io.tunemeld.aggregate.ranking.PlaylistSnapshot;
import io.tunemeld.aggregate.ranking.RankedTrack;
import io.tunemeld.embedded.ServiceDatabase;
import io.tunemeld.schemas.MusicService;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** aggregate-service's storage of the snapshots in force and the aggregates on its own migrations in a real PostgreSQL. */
class AggregateRepositoryTest {

    private static final Instant FETCHED = Instant.parse("2026-11-30T06:00:00Z");

    private final AggregateRepository aggregates = new AggregateRepository(ServiceDatabase.of("aggregate").jdbc());
    private final String genre = "genre-" + UUID.randomUUID();

    /** Two normalizer replicas may announce a fetch's resolutions, and two fetches, in either order. */
    @Test
    void theSnapshotInForceIsTheNewestFetchInItsLatestResolution() {
        Instant resolved = FETCHED.plusSeconds(10);
        aggregates.saveLatest(genre, "newer", resolved, snapshot(FETCHED.plus(1, ChronoUnit.DAYS), "QZNEW2600001"));
        aggregates.saveLatest(genre, "older", resolved.plusSeconds(60), snapshot(FETCHED, "QZOLD2600001"));
        assertThat(keysInForce()).containsExactly("QZNEW2600001");

        aggregates.saveLatest(genre, "newer", resolved.plusSeconds(5), snapshot(FETCHED.plus(1, ChronoUnit.DAYS), "QZRES2600001"));
        aggregates.saveLatest(genre, "newer", resolved, snapshot(FETCHED.plus(1, ChronoUnit.DAYS), "QZNEW2600001"));
        assertThat(keysInForce()).as("the later resolution of the same fetch").containsExactly("QZRES2600001");
    }

    /**
     * A day may hold several aggregates of a genre (its snapshots ranked as each came); only its last counts for
     * the ranks before a day and for a track's past: peak rank and the days it was listed.
     */
    @Test
    void chartStatisticsCountOnlyEachEarlierDaysLastAggregate() {
        LocalDate day = LocalDate.parse("2026-11-28");
        Instant morning = day.atStartOfDay().toInstant(ZoneOffset.UTC).plus(8, ChronoUnit.HOURS);
        aggregates.saveAggregate(genre, morning, "consensus", "f1", chart("QZPAS2600001", "QZPAS2600002"));
        aggregates.saveAggregate(genre, morning.plus(2, ChronoUnit.HOURS), "consensus", "f2", chart("QZPAS2600002", "QZPAS2600001"));
        aggregates.saveAggregate(genre, morning.plus(1, ChronoUnit.DAYS), "consensus", "f3", chart("QZPAS2600002"));

        LocalDate today = day.plusDays(2);
        assertThat(aggregates.previousRanks(genre, today)).isEqualTo(Map.of("QZPAS2600002", 1));
        Map<String, ChartStatistics.History> history = aggregates.history(genre, List.of("QZPAS2600001", "QZPAS2600002"), today);
        assertThat(history.get("QZPAS2600001")).as("first on the 28th only in an aggregate the day's last replaced")
                .isEqualTo(new ChartStatistics.History(2, Set.of(day)));
        assertThat(history.get("QZPAS2600002")).isEqualTo(new ChartStatistics.History(1, Set.of(day, day.plusDays(1))));
        assertThat(aggregates.chart(genre, "f3")).hasValueSatisfying(chart -> assertThat(chart).hasSize(1));
        assertThat(aggregates.chart(genre, "never")).isEmpty();
    }

    private List<String> keysInForce() {
        return aggregates.latest(genre).stream().flatMap(s -> s.entries().stream()).map(PlaylistSnapshot.Entry::trackKey).toList();
    }

    private static PlaylistSnapshot snapshot(Instant fetchedAt, String trackKey) {
        return new PlaylistSnapshot(MusicService.SPOTIFY, fetchedAt, 1,
                List.of(new PlaylistSnapshot.Entry(1, trackKey, trackKey, "A Title", List.of("An Artist"), "ISRC", 1.0)));
    }

    private static List<ChartEntry> chart(String... keys) {
        return Arrays.stream(keys).map(key -> {
            int rank = Arrays.asList(keys).indexOf(key) + 1;
            return new ChartEntry(new RankedTrack(rank, key, key, "A Title", "An Artist", 1.0, 2, Map.of()), null, rank, 1,
                    ChartEntry.Movement.NEW);
        }).toList();
    }
}
