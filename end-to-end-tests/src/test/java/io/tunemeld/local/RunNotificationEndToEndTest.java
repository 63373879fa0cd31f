package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * An ingest run's result reaches the configured webhook once, as a Slack message whose text says how the
 * run ended and why what failed did; a name from the outside that would mention a whole channel arrives
 * escaped.
 */
class RunNotificationEndToEndTest {

    private static final String GENRE = "notified";

    @Test
    void anIngestRunsResultIsPostedOnceWithItsFailuresEscaped() throws Exception {
        LocalStack stack = SharedStack.get();
        // a directory name is anyone's to choose: as Slack markup it would notify everyone in the channel
        Path payloads = PayloadDirectory.create("notified").with("spotify", GENRE, """
                [{"name": "Bell Buoy", "artists": ["Ina Marsh"], "artist": "Ina Marsh", "album_name": "Buoy",
                  "song_id": "9Znotified000000000001", "url": "https://open.spotify.com/track/9Znotified000000000001",
                  "isrc": "QZNTF2600001", "list_position": 1, "list_length": 1}]""")
                .with("<!channel>", GENRE, "[]").path();

        String runId = StackClient.of(stack).ingest(payloads, "test").path("id").asString();

        List<LoggedRequest> posts = await().atMost(Duration.ofSeconds(30)).until(() -> postsOf(runId), found -> !found.isEmpty());
        assertThat(posts.get(0).getHeader("Content-Type")).startsWith("application/json");
        String text = JsonMapper.shared().readTree(posts.get(0).getBodyAsString()).path("text").asString();
        assertThat(text).startsWith(":warning: TuneMeld ingest-service: ingest run " + runId + " (test) finished in ")
                .contains(": 1 failed, 1 published")
                .contains("\n• " + GENRE + "/&lt;!channel&gt;: unknown service directory '&lt;!channel&gt;'")
                .doesNotContain("<!channel>");

        SharedStack.awaitCaughtUp();
        assertThat(postsOf(runId)).as("posted once").hasSize(1);
    }

    private static List<LoggedRequest> postsOf(String runId) {
        return SharedStack.musicApis().findAll(WireMock.postRequestedFor(WireMock.urlEqualTo(SharedStack.RUNS_WEBHOOK))).stream()
                .filter(request -> request.getBodyAsString().contains(runId)).toList();
    }
}
