package io.tunemeld.cache.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.cache.readmodel.ViewCountsView;
import io.tunemeld.cache.webapp.WebAppPlaylists.PlayCounts;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebAppPlaylistsTest {

    @Test
    void aLongNameIsCutAtTheLastSpaceWithinThirtyCharacters() {
        assertThat(WebAppPlaylists.shortName("An Extraordinarily Long Song Title For Testing")).isEqualTo("An Extraordinarily Long Song...");
        assertThat(WebAppPlaylists.shortName("Supercalifragilisticexpialidocious!")).isEqualTo("Supercalifragilisticexpialidoc...");
        assertThat(WebAppPlaylists.shortName("Exactly thirty characters long")).isEqualTo("Exactly thirty characters long");
        assertThat(WebAppPlaylists.shortName(null)).isNull();
    }

    @Test
    void theWeeklyChangeInPerCentCountsTheServicesWithAWeekOfHistory() {
        PlayCounts counts = PlayCounts.of(new ViewCountsView("QZTST2600001", List.of(
                new ViewCountsView.ServiceViews("spotify", 50, "2026-01-08T00:00:00Z", null, List.of()),
                new ViewCountsView.ServiceViews("youtube", 1_100, "2026-01-08T00:00:00Z", 100L, List.of()))));
        assertThat(counts.total()).isEqualTo(1_150.0);
        assertThat(counts.weeklyChangePercentage()).isEqualTo(10.0);
        assertThat(counts.current(AppService.SPOTIFY)).isEqualTo(50.0);
        assertThat(counts.current(AppService.YOUTUBE)).isEqualTo(1_100.0);
    }

    @Test
    void withoutAWeekOfHistoryThereIsNoWeeklyChange() {
        PlayCounts counts = PlayCounts.of(new ViewCountsView("QZTST2600002", List.of(
                new ViewCountsView.ServiceViews("youtube", 500, "2026-01-08T00:00:00Z", null, List.of()))));
        assertThat(counts.total()).isEqualTo(500.0);
        assertThat(counts.weeklyChangePercentage()).isNull();
        assertThat(counts.current(AppService.SPOTIFY)).isNull();
        assertThat(PlayCounts.of(new ViewCountsView("QZTST2600003", List.of())).total()).isNull();
    }
}
