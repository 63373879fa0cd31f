package io.tunemeld.cache.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunemeld.events.RunFailure;
import io.tunemeld.events.RunFinished;
import io.tunemeld.schemas.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

    private static final Instant STARTED = Instant.parse("2026-12-01T06:00:00Z");

    @Test
    void aRunsCountsAndFailuresMakeOneMessageWhatCameFromOutsideEscaped() {
        String text = RunSummary.text(run("ingest", Map.of("published", 10, "failed", 1, "unchanged", 1),
                List.of(new RunFailure("pop/soundcloud", "429 <!channel> & <https://evil.example|click here>"))), "ingest-service");

        assertThat(text).isEqualTo(":warning: TuneMeld ingest-service: ingest run run-1 (schedule) finished in 75 s: "
                + "1 failed, 10 published, 1 unchanged\n"
                + "• pop/soundcloud: 429 &lt;!channel&gt; &amp; &lt;https://evil.example|click here&gt;");
    }

    @Test
    void manyFailuresAreCountedBeyondTheFirstTwentyAndLongReasonsShortened() {
        List<RunFailure> failures = IntStream.range(0, 25).mapToObj(i -> new RunFailure("genre-" + i + "/spotify", "x".repeat(400))).toList();

        String text = RunSummary.text(run("ingest", Map.of("failed", 25), failures), "ingest-service");

        assertThat(text.lines().filter(line -> line.startsWith("• "))).hasSize(RunSummary.MAX_FAILURES);
        assertThat(text).endsWith("\n… and 5 more failures").contains("x".repeat(300) + "…").doesNotContain("x".repeat(301));
    }

    @Test
    void ingestRunsAreAlwaysToldOtherRunsOnlyWhenSomethingFailed() {
        assertThat(RunSummary.worthNotifying(Topics.Names.INGEST_RUNS, run("ingest", Map.of("published", 3), List.of()))).isTrue();
        assertThat(RunSummary.worthNotifying(Topics.Names.TRACK_RUNS, run("view-counts", Map.of("counted", 3), List.of()))).isFalse();
        assertThat(RunSummary.worthNotifying(Topics.Names.TRACK_RUNS, run("view-counts", Map.of("failed", 1),
                List.of(new RunFailure("youtube", "1 of 1 tracks not counted"))))).isTrue();
        assertThat(RunSummary.text(run("view-counts", Map.of("counted", 3), List.of()), RunSummary.service(Topics.Names.TRACK_RUNS)))
                .startsWith(":white_check_mark: TuneMeld track-service: view-counts run run-1 (schedule)");
    }

    @Test
    void aWebhookMustBeAnHttpUrlWithAHostAndNoCredentials() {
        assertThat(new NotificationProperties(" ", null).webhook()).isEmpty();
        assertThat(new NotificationProperties("https://hooks.slack.com/services/T0/B0/x", null).webhook()).isPresent();
        for (String bad : List.of("ftp://hooks.example/x", "file:///etc/passwd", "/hooks/x", "https://user:pw@hooks.example/x",
                "http//missing-colon", "https://exa mple.com/x")) {
            assertThatThrownBy(() -> new NotificationProperties(bad, null)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NOTIFY_WEBHOOK_URL");
        }
    }

    private static RunFinished run(String kind, Map<String, Integer> outcomes, List<RunFailure> failures) {
        return RunFinished.newBuilder().setEventId("e-1").setOccurredAt(STARTED.plusSeconds(75)).setRunId("run-1").setKind(kind)
                .setTrigger("schedule").setStartedAt(STARTED).setOutcomes(outcomes).setFailures(failures).build();
    }
}
