package io.tunemeld.cache.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewCountsViewTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-21");

    private static ViewCountsView.Row youtube(int daysAgo, long count, Integer delta) {
        return new ViewCountsView.Row("USAT22504362", "youtube", DAY.minusDays(daysAgo), count, delta == null ? null : delta.longValue(), null, DAY.minusDays(daysAgo) + "T05:30:00Z");
    }

    @Test
    void theLatestDayIsCurrentAndTheWeeklyChangeComparesWithTheNewestDayAWeekOrMoreBefore() {
        ViewCountsView view = ViewCountsView.of("USAT22504362", List.of(youtube(0, 5000, 500), youtube(9, 1000, null),
                youtube(1, 4500, 1000), youtube(8, 2000, 1000), youtube(6, 3500, 1500)));

        ViewCountsView.ServiceViews youtube = view.services().get(0);
        assertThat(youtube.current()).isEqualTo(5000);
        assertThat(youtube.updatedAt()).isEqualTo("2026-11-21T05:30:00Z");
        // 7 days before the 21st is the 14th: the newest day on or before it is the 13th (2000)
        assertThat(youtube.weeklyChange()).isEqualTo(3000);
        assertThat(youtube.history()).extracting(ViewCountsView.Day::date)
                .containsExactly(DAY.minusDays(9), DAY.minusDays(8), DAY.minusDays(6), DAY.minusDays(1), DAY);
    }

    @Test
    void lessThanAWeekOfHistoryHasNoWeeklyChange() {
        ViewCountsView view = ViewCountsView.of("USAT22504362", List.of(youtube(0, 5000, 500), youtube(6, 4500, null)));

        assertThat(view.services().get(0).weeklyChange()).isNull();
    }

    @Test
    void eachServiceHasItsOwnCounts() {
        ViewCountsView view = ViewCountsView.of("USAT22504362", List.of(youtube(0, 5000, null),
                new ViewCountsView.Row("USAT22504362", "soundcloud", DAY, 70, null, null, DAY + "T05:31:00Z")));

        assertThat(view.services()).extracting(ViewCountsView.ServiceViews::service, ViewCountsView.ServiceViews::current)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("soundcloud", 70L), org.assertj.core.groups.Tuple.tuple("youtube", 5000L));
    }
}
