package io.tunemeld.aggregate.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChartStatisticsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 21);

    private static RankedTrack ranked(int rank, String key) {
        return new RankedTrack(rank, key, key, "t", "a", 100 - rank, 2, Map.of());
    }

    @Test
    void newReEntryUpDownAndSameAgainstThePreviousAggregate() {
        var chart = ChartStatistics.chart(
                List.of(ranked(1, "UP"), ranked(2, "NEW"), ranked(3, "SAME"), ranked(4, "BACK"), ranked(5, "DOWN")),
                Map.of("UP", 3, "SAME", 3, "DOWN", 1),
                Map.of("UP", new ChartStatistics.History(3, Set.of(TODAY.minusDays(1))),
                        "SAME", new ChartStatistics.History(2, Set.of(TODAY.minusDays(2), TODAY.minusDays(1))),
                        "BACK", new ChartStatistics.History(1, Set.of(TODAY.minusDays(9))),
                        "DOWN", new ChartStatistics.History(1, Set.of(TODAY))),
                TODAY);

        assertThat(chart).extracting(c -> c.track().trackKey(), ChartEntry::movement, ChartEntry::previousRank,
                ChartEntry::peakRank, ChartEntry::daysOnList).containsExactly(
                tuple("UP", ChartEntry.Movement.UP, 3, 1, 2),
                tuple("NEW", ChartEntry.Movement.NEW, null, 2, 1),
                tuple("SAME", ChartEntry.Movement.SAME, 3, 2, 3),
                tuple("BACK", ChartEntry.Movement.RE_ENTRY, null, 1, 2),
                tuple("DOWN", ChartEntry.Movement.DOWN, 1, 1, 1));
    }
}
