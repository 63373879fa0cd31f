package io.tunemeld.track.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewCountAlertsTest {

    /** Two weeks of about 10,000 views a day. */
    private static final List<Long> STEADY = List.of(10_200L, 9_800L, 10_100L, 9_900L, 10_000L, 10_300L, 9_700L,
            10_000L, 10_100L, 9_900L, 10_200L, 9_800L, 10_000L, 10_000L);

    @Test
    void aDayFarAboveTheTrailingDaysIsASpikeAndFarBelowADrop() {
        assertThat(ViewCountAlerts.of(45_000, STEADY)).hasValueSatisfying(alert -> {
            assertThat(alert.kind()).isEqualTo(ViewCountAlerts.Kind.SPIKE);
            assertThat(alert.trailingAverage()).isEqualTo(10_000.0);
        });
        assertThat(ViewCountAlerts.of(1_200, STEADY)).hasValueSatisfying(alert -> assertThat(alert.kind()).isEqualTo(ViewCountAlerts.Kind.DROP));
        assertThat(ViewCountAlerts.of(-3_000, STEADY)).as("a count that went down").hasValueSatisfying(
                alert -> assertThat(alert.kind()).isEqualTo(ViewCountAlerts.Kind.DROP));
    }

    @Test
    void anOrdinaryDayANoisyTrackASmallTrackAndAShortHistoryRaiseNothing() {
        assertThat(ViewCountAlerts.of(11_000, STEADY)).isEmpty();
        List<Long> noisy = List.of(2_000L, 30_000L, 5_000L, 25_000L, 1_000L, 28_000L, 3_000L, 26_000L);
        assertThat(ViewCountAlerts.of(40_000, noisy)).as("within three deviations of a noisy track").isEmpty();
        assertThat(ViewCountAlerts.of(900, Collections.nCopies(14, 10L))).as("fewer than 1,000 views from usual").isEmpty();
        assertThat(ViewCountAlerts.of(45_000, STEADY.subList(0, 6))).as("six days say too little").isEmpty();
    }

    @Test
    void onlyTheLastTwoWeeksCount() {
        List<Long> month = new ArrayList<>(STEADY);
        month.addAll(Collections.nCopies(16, 100_000L));
        assertThat(ViewCountAlerts.of(45_000, month)).hasValueSatisfying(alert -> assertThat(alert.trailingAverage()).isEqualTo(10_000.0));
    }
}
