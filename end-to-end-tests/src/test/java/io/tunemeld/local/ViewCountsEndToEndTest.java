package io.tunemeld.local;

import static io.tunemeld.local.TrackSchema.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * View counts: track-service reads them from the YouTube Data API's stand-in, stores the latest and a
 * daily history with the change since the previous recorded day, records failures as failures, and
 * cache-service serves them through GraphQL. The shared stack counted once already: video n had n
 * thousand views.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ViewCountsEndToEndTest {

    private static final String VIEWS_QUERY = """
            query($isrc: String!) { track(isrc: $isrc) { viewCounts { service current updatedAt weeklyChange
              history(days: 30) { date count delta } } } }""";

    private static LocalStack stack;
    private static StackClient client;
    /** ISRC of each YouTube video a track was linked to, in video order. */
    private static final Map<String, String> isrcByVideo = new LinkedHashMap<>();

    @BeforeAll
    static void countedOnce() throws Exception {
        stack = SharedStack.get();
        client = StackClient.of(stack);
        SharedStack.samplesRun();
        try (Connection track = TrackSchema.connect()) {
            // the tracks track-service counts: one per well-formed ISRC, the ISRC-keyed one first
            var rows = track.createStatement().executeQuery("""
                    select * from (select distinct on (isrc) youtube_url, isrc from track.tracks
                        where youtube_url is not null and isrc ~ '^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$'
                        order by isrc, track_key = isrc desc, track_key) counted order by youtube_url""");
            while (rows.next()) {
                isrcByVideo.put(rows.getString(1).substring(rows.getString(1).indexOf("v=") + 2), rows.getString(2));
            }
        }
        assertThat(isrcByVideo).as("tracks with an ISRC linked to a video by the searches").hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    @Order(1)
    void theFirstCountsAreStoredWithoutADeltaAndServedByGraphql() throws Exception {
        isrcByVideo.forEach((video, isrc) -> {
                long expected = 1000L * Integer.parseInt(video.substring("tunemeld".length()));
                assertThat(query("select count from track.view_counts where isrc = ? and service = 'youtube'", isrc))
                        .as("latest count of %s (video %s)", isrc, video).isEqualTo(String.valueOf(expected));
                assertThat(query("select count || '/' || coalesce(delta::text, 'none') from track.historical_view_counts"
                        + " where isrc = ? and date = (now() at time zone 'utc')::date", isrc)).isEqualTo(expected + "/none");
        });
        String isrc = isrcByVideo.values().iterator().next();
        JsonNode views = viewCounts(isrc);
        assertThat(views.size()).isEqualTo(1);
        assertThat(views.get(0).path("service").asString()).isEqualTo("YOUTUBE");
        assertThat(views.get(0).path("weeklyChange").isNull()).as("no week of history yet").isTrue();
        assertThat(views.get(0).path("history").size()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void aSecondReadTheSameDayUpdatesTheDayAndAVanishedVideoIsAFailureNotAZero() throws Exception {
        var videos = isrcByVideo.keySet().stream().toList();
        String counted = isrcByVideo.get(videos.get(0));
        String vanished = isrcByVideo.get(videos.get(1));
        long before = Long.parseLong(query("select count from track.view_counts where isrc = ?", vanished));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (Connection track = TrackSchema.connect()) {
            // a day recorded yesterday, so today's change has something to compare with
            var yesterday = track.prepareStatement("insert into track.historical_view_counts (isrc, service, date, count)"
                    + " values (?, 'youtube', ?, 400) on conflict (isrc, service, date) do update set count = 400");
            yesterday.setString(1, counted);
            yesterday.setObject(2, today.minusDays(1));
            yesterday.executeUpdate();
        }
        Map<String, Long> views = new LinkedHashMap<>();
        videos.forEach(video -> views.put(video, video.equals(videos.get(0)) ? 1500L : 7L));
        views.remove(videos.get(1));
        SharedStack.stubViewCounts(views);

        JsonNode outcome = client.countViews(stack.serviceUrl("track-service")).path("youtube");

        assertThat(outcome.path("counted").asInt()).isEqualTo(isrcByVideo.size() - 1);
        assertThat(outcome.path("failed").asInt()).isEqualTo(1);
        assertThat(query("select count(*) from track.historical_view_counts where isrc = ? and date = (now() at time zone 'utc')::date", counted))
                .as("one row per day, however often it is read").isEqualTo("1");
        assertThat(query("select count || '/' || delta from track.historical_view_counts where isrc = ? and date = (now() at time zone 'utc')::date",
                counted)).as("count/delta against yesterday's 400").isEqualTo("1500/1100");
        assertThat(query("select count from track.view_counts where isrc = ?", vanished))
                .as("the vanished video keeps its last count, not zero").isEqualTo(String.valueOf(before));
        assertThat(query("select reason from track.view_count_failures where isrc = ? and date = (now() at time zone 'utc')::date", vanished))
                .contains("no view count for video " + videos.get(1));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode day = viewCounts(counted).get(0).path("history").get(0);
            assertThat(day.path("date").asString()).isEqualTo(today.toString());
            assertThat(day.path("count").asLong()).isEqualTo(1500);
            assertThat(day.path("delta").asLong()).isEqualTo(1100);
        });
    }

    @Test
    @Order(3)
    void aDayFarAboveTheTrailingTwoWeeksIsFlaggedPublishedAndServed() throws Exception {
        var videos = isrcByVideo.keySet().stream().toList();
        String spiking = isrcByVideo.get(videos.get(0));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (Connection track = TrackSchema.connect()) {
            // two weeks of 10,000 views a day before today
            var day = track.prepareStatement("insert into track.historical_view_counts (isrc, service, date, count, delta)"
                    + " values (?, 'youtube', ?, ?, 10000) on conflict (isrc, service, date) do update set count = excluded.count,"
                    + " delta = excluded.delta");
            for (int daysAgo = 1; daysAgo <= 15; daysAgo++) {
                day.setString(1, spiking);
                day.setObject(2, today.minusDays(daysAgo));
                day.setLong(3, 1_000_000L - 10_000L * daysAgo);
                day.executeUpdate();
            }
        }
        Map<String, Long> views = new LinkedHashMap<>();
        videos.forEach(video -> views.put(video, 7L));
        views.put(videos.get(0), 990_000L + 45_000L);
        SharedStack.stubViewCounts(views);

        client.countViews(stack.serviceUrl("track-service"));

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode alerts = client.graphql("""
                    query($isrc: String!) { track(isrc: $isrc) { viewCounts { alerts(days: 7) { date kind delta trailingAverage } } } }""",
                    Map.of("isrc", spiking)).path("track").path("viewCounts").get(0).path("alerts");
            assertThat(alerts.size()).isEqualTo(1);
            assertThat(alerts.get(0).path("date").asString()).isEqualTo(today.toString());
            assertThat(alerts.get(0).path("kind").asString()).isEqualTo("SPIKE");
            assertThat(alerts.get(0).path("delta").asLong()).isEqualTo(45_000);
            assertThat(alerts.get(0).path("trailingAverage").asDouble()).isEqualTo(10_000.0);
        });
        String steady = isrcByVideo.get(videos.get(videos.size() - 1));
        assertThat(client.graphql("query($isrc: String!) { track(isrc: $isrc) { viewCounts { alerts(days: 7) { date } } } }",
                Map.of("isrc", steady)).path("track").path("viewCounts").get(0).path("alerts").size())
                .as("a track without two weeks of history is never flagged").isZero();
    }

    @Test
    @Order(4)
    void anExceededQuotaFailsEveryTrackAndChangesNoCount() throws Exception {
        String counts = "select string_agg(isrc || '=' || count, ',' order by isrc) from track.view_counts";
        String before = query(counts, null);
        SharedStack.youtube().stubFor(WireMock.get(WireMock.urlPathEqualTo("/youtube/v3/videos")).willReturn(WireMock.aResponse()
                .withStatus(403).withBody("{\"error\": {\"errors\": [{\"reason\": \"quotaExceeded\"}]}}")));

        JsonNode outcome = client.countViews(stack.serviceUrl("track-service")).path("youtube");

        assertThat(outcome.path("counted").asInt()).isZero();
        assertThat(outcome.path("failed").asInt()).isEqualTo(isrcByVideo.size());
        assertThat(query(counts, null)).isEqualTo(before);
        assertThat(query("select count(*) from track.view_count_failures where date = (now() at time zone 'utc')::date and reason like '%quota%'", null))
                .isEqualTo(String.valueOf(isrcByVideo.size()));
    }

    private JsonNode viewCounts(String isrc) throws Exception {
        return client.graphql(VIEWS_QUERY, Map.of("isrc", isrc)).path("track").path("viewCounts");
    }
}
