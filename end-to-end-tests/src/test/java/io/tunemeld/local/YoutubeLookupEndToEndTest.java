package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * track-service looks up YouTube videos for tracks no service linked, through the real client against a
 * local stand-in of the YouTube Data API, never beyond the daily budget and never storing a placeholder.
 */
class YoutubeLookupEndToEndTest {

    @Test
    void lookUpsStopAtTheDailyBudgetAndOnlyRealVideosAreKept() throws Exception {
        LocalStack stack = SharedStack.get();
        SharedStack.samplesRun();

        assertThat(SharedStack.youtube().findAll(WireMock.getRequestedFor(WireMock.urlPathEqualTo("/youtube/v3/search"))))
                .as("searches made, with more than %d tracks to look up", SharedStack.YOUTUBE_BUDGET)
                .hasSize(SharedStack.YOUTUBE_BUDGET);
        List<String> urls = new ArrayList<>();
        try (var track = DriverManager.getConnection(stack.databaseUrl(), "track", "track")) {
            var rows = track.createStatement().executeQuery("select youtube_url from track.tracks where youtube_url is not null");
            while (rows.next()) {
                urls.add(rows.getString(1));
            }
            var lookups = track.createStatement().executeQuery("select count(*) from track.url_lookups where service = 'youtube'");
            lookups.next();
            assertThat(lookups.getInt(1)).isEqualTo(SharedStack.YOUTUBE_BUDGET);
        }
        assertThat(urls).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, SharedStack.YOUTUBE_BUDGET)
                .mapToObj(search -> "https://www.youtube.com/watch?v=" + SharedStack.video(search)).toList());
    }
}
