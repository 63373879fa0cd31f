package io.tunemeld.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CachePolicyTest {

    private static final Instant FRIDAY = Instant.parse("2026-11-20T12:00:00Z");
    private static final Instant SATURDAY = Instant.parse("2026-11-21T06:00:00Z");

    private final CachePolicy weeklyOnSaturdays = new CachePolicy(Duration.ofDays(7), Optional.of(DayOfWeek.SATURDAY));

    @Test
    void aPlaylistIsReusedWithinItsTtl() {
        assertThat(weeklyOnSaturdays.isFresh(FRIDAY.minus(Duration.ofDays(5)), FRIDAY)).isTrue();
        assertThat(weeklyOnSaturdays.isFresh(FRIDAY.minus(Duration.ofDays(7)), FRIDAY)).isFalse();
    }

    @Test
    void onTheRefreshDayAnythingFetchedBeforeThatDayIsFetchedAgainButOnlyOnce() {
        assertThat(weeklyOnSaturdays.isFresh(FRIDAY, SATURDAY)).isFalse();
        assertThat(weeklyOnSaturdays.isFresh(SATURDAY, SATURDAY.plus(Duration.ofHours(3)))).isTrue();
        assertThat(new CachePolicy(Duration.ofDays(7), Optional.empty()).isFresh(FRIDAY, SATURDAY)).isTrue();
    }
}
