package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.tunemeld.track.TrackApplication;
import io.tunemeld.track.enrichment.EnrichmentReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A step of the enrichment cascade that failed reaches the run webhook with its reason, in the report of
 * the steps attempted since the last one; a report covers each attempt once.
 */
// track metadata on for its genre, whose Spotify stand-in fails
@StackSetup(properties = {
        "tunemeld.enrichment.genres." + EnrichmentReportEndToEndTest.GENRE + ".track-metadata=true"})
class EnrichmentReportEndToEndTest {

    /** The genre the shared stack fetches track metadata for, from a Spotify stand-in that fails for its track. */
    static final String GENRE = "enrichment-report-check";
    private static final String ISRC = "QZRP02600001";

    @Test
    void aFailedStepIsPostedWithItsReasonOnce() throws Exception {
        LocalStack stack = SharedStack.get();
        SharedStack.musicApis().stubFor(WireMock.get("/v1/tracks/repFail0001").atPriority(1)
                .willReturn(WireMock.aResponse().withStatus(500).withBody("{\"error\": {\"status\": 500}}")));
        Path payloads = PayloadDirectory.create("enrichment-report").with("spotify", GENRE, """
                [{"name": "Low Tide", "artists": ["Rhea Port"], "isrc": "%s", "list_position": 1,
                  "url": "https://open.spotify.com/track/repFail0001"}]""".formatted(ISRC)).path();
        StackClient.of(stack).ingest(payloads, "test");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(TrackSchema.query(
                "select outcome from track.enrichment_steps where subject = ? and step = 'TRACK_METADATA'", ISRC)).isEqualTo("FAILED"));

        EnrichmentReport report = stack.services().get(TrackApplication.NAME).getBean(EnrichmentReport.class);
        report.report();

        List<LoggedRequest> posts = await().atMost(Duration.ofSeconds(30)).until(EnrichmentReportEndToEndTest::postsOfTheFailure,
                found -> !found.isEmpty());
        String text = JsonMapper.shared().readTree(posts.get(0).getBodyAsString()).path("text").asString();
        assertThat(text).startsWith(":warning: TuneMeld track-service: enrichment run ").contains(" (schedule) finished in ")
                .containsPattern(": (\\d+ [a-z_]+, )*\\d+ failed")
                .contains("\n• TRACK_METADATA of " + ISRC + ": ").contains("failed with HTTP 500");

        report.report();
        SharedStack.awaitCaughtUp();
        assertThat(postsOfTheFailure()).as("the failure, reported once").hasSize(1);
    }

    private static List<LoggedRequest> postsOfTheFailure() {
        return SharedStack.musicApis().findAll(WireMock.postRequestedFor(WireMock.urlEqualTo(SharedStack.RUNS_WEBHOOK))).stream()
                .filter(request -> request.getBodyAsString().contains("TRACK_METADATA of " + ISRC)).toList();
    }
}
