package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * track-service looks up the SoundCloud page of tracks SoundCloud's playlists did not carry, through the
 * real search client against a local stand-in of the RapidAPI scraper, and takes a result only when it is
 * that very track.
 */
// the stand-in answers from the start: the first samples run looks the tracks up, whichever class makes it
@StackSetup(stubs = SoundCloudLookupEndToEndTest.Searches.class)
class SoundCloudLookupEndToEndTest {

    /** "A New Day (feat. Celine Dion)", Sebastian Ingrosso and Céline Dion: on Spotify's dance list only. */
    private static final String FOUND = "US38Y2560326";
    private static final String FOUND_URL = "https://soundcloud.com/sebastian-ingrosso/a-new-day";
    /** "TESLA", Mau P: on Spotify's dance list only; SoundCloud's search finds only a namesake. */
    private static final String DECOY = "NL8RL2530184";

    /** The stand-in's answers for those two tracks; every other search finds nothing. */
    static final class Searches implements StackSetup.Stubs {

        @Override
        public void register(WireMockServer apis) {
            stub(apis, "A New Day", item("https://soundcloud.com/tomodell/a-new-day", "A New Day", "Tom Odell"),
                    // the same song spelled SoundCloud's way: "ft.", no diacritics, the featured artist in the title
                    item(FOUND_URL, "A New Day (ft. Celine Dion)", "Sebastian Ingrosso"));
            stub(apis, "TESLA", item("https://soundcloud.com/teslaboy/tesla", "Tesla", "Tesla Boy"));
        }
    }

    @Test
    void aTrackGetsItsSoundCloudPageOnlyWhenTheSearchFoundThatVeryTrackAndNoTrackIsSearchedTwice() throws Exception {
        LocalStack stack = SharedStack.get();
        SharedStack.samplesRun();
        SharedStack.awaitCaughtUp();

        int searches = SharedStack.musicApis().findAll(WireMock.getRequestedFor(WireMock.urlPathEqualTo(SharedStack.SOUNDCLOUD_SEARCH)))
                .size();
        try (var track = DriverManager.getConnection(stack.databaseUrl(), "track", "track")) {
            var lookups = track.createStatement().executeQuery("select count(*) from track.url_lookups where service = 'soundcloud'");
            lookups.next();
            assertThat(searches).as("searches made").isPositive()
                    .as("one per track: each answer is kept, found or not").isEqualTo(lookups.getInt(1));

            var decoy = track.prepareStatement("select url from track.url_lookups where service = 'soundcloud' and track_key = ?");
            decoy.setString(1, DECOY);
            var decoyRow = decoy.executeQuery();
            assertThat(decoyRow.next()).as("the decoy's track was searched").isTrue();
            assertThat(decoyRow.getString(1)).as("a namesake by another artist is not the track").isNull();

            List<String> lookedUp = new ArrayList<>();
            var rows = track.createStatement().executeQuery("""
                    select track_key, soundcloud_url from track.tracks
                    where soundcloud_url is not null and not ('soundcloud' = any(services))""");
            while (rows.next()) {
                lookedUp.add(rows.getString(1) + " " + rows.getString(2));
            }
            assertThat(lookedUp).as("tracks with a SoundCloud page SoundCloud's playlists did not give")
                    .containsExactly(FOUND + " " + FOUND_URL);
        }
        var served = StackClient.of(stack).graphql("query($isrc: String!) { track(isrc: $isrc) { soundcloudUrl } }",
                Map.<String, Object>of("isrc", FOUND));
        assertThat(served.path("track").path("soundcloudUrl").asString()).isEqualTo(FOUND_URL);
        var decoy = StackClient.of(stack).graphql("query($isrc: String!) { track(isrc: $isrc) { soundcloudUrl } }",
                Map.<String, Object>of("isrc", DECOY));
        assertThat(decoy.path("track").path("soundcloudUrl").isNull()).as("never a placeholder").isTrue();
    }

    private static void stub(WireMockServer apis, String words, String... items) {
        apis.stubFor(WireMock.get(WireMock.urlPathEqualTo(SharedStack.SOUNDCLOUD_SEARCH)).atPriority(1)
                .withQueryParam("term", WireMock.containing(words))
                .willReturn(WireMock.okJson("{\"tracks\": {\"items\": [" + String.join(",", items) + "], \"nextOffset\": null}}")));
    }

    /** A result as the scraper sends it: no ISRC stated, the artist in the publisher block. */
    private static String item(String permalink, String title, String artist) {
        return """
                {"type": "track", "permalink": "%s", "title": "%s", "publisher": {"artist": "%s", "isrc": null},
                 "user": {"type": "user", "name": "Uploads", "permalink": "https://soundcloud.com/uploads"}}"""
                .formatted(permalink, title, artist);
    }
}
