package io.tunemeld.aggregate.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.embedded.ServiceDatabase;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What an ingest run's edition of a genre waits for, on aggregate-service's own migrations in a real PostgreSQL. */
class EditionRepositoryTest {

    private static final Duration LONG_AGO = Duration.ofHours(1);

    private final EditionRepository editions = new EditionRepository(ServiceDatabase.of("aggregate").jdbc());
    private final String run = "run-" + UUID.randomUUID();
    private final String genre = "genre-" + UUID.randomUUID();

    @Test
    void snapshotsBeforeTheRunsResultCompleteTheEditionWhenTheResultNamesNoOtherPlaylist() {
        assertThat(editions.arrived(run, genre, "spotify")).as("the run has not finished").isFalse();
        assertThat(editions.arrived(run, genre, "soundcloud")).isFalse();

        editions.finished(run);
        assertThat(editions.expected(run, genre, List.of("spotify", "soundcloud"))).isTrue();
        assertThat(overdueOfThisRun(Duration.ZERO)).as("forgotten once complete").isEmpty();
    }

    @Test
    void afterTheRunsResultTheEditionIsCompleteWithTheLastPlaylistItNamed() {
        editions.finished(run);
        assertThat(editions.expected(run, genre, List.of("spotify", "soundcloud", "apple_music")))
                .as("none of its snapshots came").isFalse();

        assertThat(editions.arrived(run, genre, "apple_music")).isFalse();
        assertThat(editions.arrived(run, genre, "spotify")).isFalse();
        assertThat(editions.arrived(run, genre, "soundcloud")).isTrue();
        assertThat(editions.arrived(run, "other-" + genre, "soundcloud")).as("a playlist the finished run did not name waits for none")
                .isTrue();
    }

    @Test
    void anEditionMissingAPlaylistIsOverdueAfterTheTimeoutSayingWhetherAnyOfItCame() {
        editions.finished(run);
        editions.expected(run, genre, List.of("spotify", "soundcloud"));
        editions.arrived(run, genre, "spotify");
        String nothingCame = "other-" + genre;
        editions.expected(run, nothingCame, List.of("spotify"));

        assertThat(overdueOfThisRun(LONG_AGO)).as("not yet").isEmpty();
        assertThat(overdueOfThisRun(Duration.ZERO)).containsExactlyInAnyOrder(
                new EditionRepository.Edition(run, genre, true), new EditionRepository.Edition(run, nothingCame, false));

        editions.forget(run, genre);
        assertThat(overdueOfThisRun(Duration.ZERO)).extracting(EditionRepository.Edition::genre).containsExactly(nothingCame);
    }

    private List<EditionRepository.Edition> overdueOfThisRun(Duration timeout) {
        return editions.overdue(timeout).stream().filter(edition -> edition.runId().equals(run)).toList();
    }
}
