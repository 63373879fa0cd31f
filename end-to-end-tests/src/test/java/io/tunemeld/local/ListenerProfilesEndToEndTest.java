package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.tunemeld.schemas.Topics;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The listeners' profiles and the users around them, against a stand-in of the Web API: listener alice's
 * account ({@code /me}), the owners of the playlists she played from (with their own profiles until Spotify
 * refuses one, as it does development-mode apps), and whom of them she follows, stored by ingest-service and
 * served by GraphQL. An owner id that could smuggle another user into the follow
 * check is refused, as is an address that is not a web address.
 */
class ListenerProfilesEndToEndTest {

    /** The playlist ListeningHistoryEndToEndTest discovers from alice's plays: listed here too, whichever test runs first. */
    private static final String HISTORY_PLAYLIST = "7DgPQwzEoUVfQYBiMLER9Z";
    private static final String KOFI_MIX = "5KofiMixPlaylist000001";
    private static final String MIRA_LOVES = "3MiraLovesPlaylist0002";
    private static final String EDITORIAL = "37i9dQZF1DXcBWIGoYBM5M";
    private static final String SMUGGLING = "6SmugglingOwner0000003";
    private static final String PROFILES_REFUSED = "other users' profiles refused (HTTP 403): Spotify shows them to extended-quota apps only";
    /** What a read finds: DJ Kofi's profile is read, then Spotify refuses Mira's, as it does to development-mode apps. */
    private static final String READ = "3 playlist(s) (2 unreadable) of 2 owner(s), 1 profile(s) read, follows 1 of 2 known user(s); "
            + PROFILES_REFUSED;
    private static final String USERS = """
            { listeners { id displayName url imageUrl listener follows { id } followedBy { id } readAt }
              kofi: spotifyUser(id: "dj-kofi") { displayName imageUrl followers listener follows { id } followedBy { listener }
                playlists { id name url } }
              mira: spotifyUser(id: "mira_p") { displayName followedBy { id } playlists { name } } }""";

    private static LocalStack stack;
    private static StackClient client;
    private static final List<String> inserted = new ArrayList<>();

    @BeforeAll
    static void aliceHasPlayedFromFivePlaylists() throws Exception {
        stack = SharedStack.get();
        client = StackClient.of(stack);
        // what her plays left (ListeningHistoryEndToEndTest reads plays): the playlists she played from
        try (var ingest = DriverManager.getConnection(stack.databaseUrl(), "ingest", "ingest")) {
            var insert = ingest.prepareStatement("insert into ingest.discovered_playlists (playlist_id, user_name, discovered_at)"
                    + " values (?, 'alice', ?) on conflict do nothing");
            String[] playlists = {HISTORY_PLAYLIST, KOFI_MIX, MIRA_LOVES, EDITORIAL, SMUGGLING};
            for (int i = 0; i < playlists.length; i++) {
                insert.setString(1, playlists[i]);
                insert.setTimestamp(2, Timestamp.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i)));
                if (insert.executeUpdate() == 1) {
                    inserted.add(playlists[i]);
                }
            }
        }
        var apis = SharedStack.musicApis();
        apis.stubFor(asAlice(WireMock.get("/v1/me")).willReturn(WireMock.okJson("""
                {"id": "alice.spotify", "display_name": "Alice", "type": "user",
                 "external_urls": {"spotify": "https://open.spotify.com/user/alice.spotify"},
                 "images": [{"url": "javascript:alert(1)", "height": 300, "width": 300}]}""")));
        apis.stubFor(playlist(HISTORY_PLAYLIST).willReturn(WireMock.okJson(owned(HISTORY_PLAYLIST, "Late Night", "dj-kofi", "DJ Kofi"))));
        apis.stubFor(playlist(KOFI_MIX).willReturn(WireMock.okJson(owned(KOFI_MIX, "Kofi's Mix", "dj-kofi", "DJ Kofi"))));
        apis.stubFor(playlist(MIRA_LOVES).willReturn(WireMock.okJson(owned(MIRA_LOVES, "Mira Loves", "mira_p", "Mira"))));
        apis.stubFor(playlist(EDITORIAL).willReturn(WireMock.notFound().withBody("{\"error\": {\"status\": 404, \"message\": \"Not found.\"}}")));
        apis.stubFor(playlist(SMUGGLING).willReturn(WireMock.okJson(owned(SMUGGLING, "Free Stuff", "mallory,spotify:user:victim", "Mallory"))));
        // DJ Kofi's own profile, with the app's token; Mira's is refused
        apis.stubFor(WireMock.get("/v1/users/dj-kofi").withHeader("Authorization", WireMock.equalTo("Bearer test-token"))
                .willReturn(WireMock.okJson("""
                        {"id": "dj-kofi", "display_name": "DJ Kofi", "external_urls": {"spotify": "https://open.spotify.com/user/dj-kofi"},
                         "images": [{"url": "https://i.scdn.co/image/kofi"}], "followers": {"total": 1200}}""")));
        apis.stubFor(WireMock.get("/v1/users/mira_p").willReturn(WireMock.forbidden()
                .withBody("{\"error\": {\"status\": 403, \"message\": \"Forbidden\"}}")));
        // she follows DJ Kofi, not Mira; asked of exactly the two owners whose ids are well formed
        apis.stubFor(asAlice(WireMock.get(WireMock.urlPathEqualTo("/v1/me/library/contains")))
                .withQueryParam("uris", WireMock.equalTo("spotify:user:dj-kofi,spotify:user:mira_p"))
                .willReturn(WireMock.okJson("[true, false]")));
    }

    @AfterAll
    static void forgetThePlaylistsOnlyThisTestListed() throws Exception {
        try (var ingest = DriverManager.getConnection(stack.databaseUrl(), "ingest", "ingest")) {
            var delete = ingest.prepareStatement("delete from ingest.discovered_playlists where playlist_id = ?");
            for (String playlist : inserted) {
                delete.setString(1, playlist);
                delete.executeUpdate();
            }
        }
    }

    @Test
    void aListenersAccountTheOwnersOfWhatShePlayedAndWhomSheFollowsAreServed() throws Exception {
        JsonNode dryRun = client.startRun(Map.of("source", "spotify-profiles", "dryRun", "true", "wait", "true"));
        assertThat(outcome(dryRun)).isEqualTo("FETCHED dry run: account alice.spotify; " + READ + "; nothing stored or published");

        JsonNode run = client.startRun(Map.of("source", "spotify-profiles", "user", "alice", "wait", "true"));
        assertThat(outcome(run)).isEqualTo("RECORDED account alice.spotify; " + READ + "; 3 user(s) published");
        assertThat(run.toString()).doesNotContain(SharedStack.LISTENER_REFRESH_TOKEN, SharedStack.LISTENER_ACCESS_TOKEN);
        SharedStack.musicApis().verify(0, WireMock.getRequestedFor(WireMock.urlPathEqualTo("/v1/me/library/contains"))
                .withQueryParam("uris", WireMock.containing("victim")));

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode users = client.graphql(USERS, Map.of());
            JsonNode alice = users.path("listeners").path(0);
            assertThat(users.path("listeners").size()).isEqualTo(1);
            assertThat(alice.path("id").asString()).isEqualTo("alice.spotify");
            assertThat(alice.path("displayName").asString()).isEqualTo("Alice");
            assertThat(alice.path("listener").asString()).isEqualTo("alice");
            assertThat(alice.path("url").asString()).isEqualTo("https://open.spotify.com/user/alice.spotify");
            assertThat(alice.path("imageUrl").isNull()).as("not a web address").isTrue();
            assertThat(alice.path("follows").toString()).isEqualTo("[{\"id\":\"dj-kofi\"}]");
            assertThat(alice.path("followedBy").isEmpty()).isTrue();
            JsonNode kofi = users.path("kofi");
            assertThat(kofi.path("displayName").asString()).isEqualTo("DJ Kofi");
            assertThat(kofi.path("imageUrl").asString()).as("from his profile").isEqualTo("https://i.scdn.co/image/kofi");
            assertThat(kofi.path("followers").asLong()).isEqualTo(1200);
            assertThat(kofi.path("listener").isNull()).isTrue();
            assertThat(kofi.path("follows").isNull()).as("Spotify says whom a listener follows, no one else").isTrue();
            assertThat(kofi.path("followedBy").toString()).isEqualTo("[{\"listener\":\"alice\"}]");
            assertThat(kofi.path("playlists").findValuesAsString("name")).containsExactly("Kofi's Mix", "Late Night");
            assertThat(kofi.path("playlists").path(0).path("url").asString()).isEqualTo("https://open.spotify.com/playlist/" + KOFI_MIX);
            assertThat(users.path("mira").path("displayName").asString()).as("as her playlist describes her").isEqualTo("Mira");
            assertThat(users.path("mira").path("followedBy").isEmpty()).isTrue();
            assertThat(users.path("mira").path("playlists").findValuesAsString("name")).containsExactly("Mira Loves");
        });
        PipelineEndToEndTest.assertConfluentWireFormat(stack, Topics.Names.SPOTIFY_USERS);
        try (var ingest = DriverManager.getConnection(stack.databaseUrl(), "ingest", "ingest")) {
            var smuggled = ingest.createStatement().executeQuery("select count(*) from ingest.spotify_users where user_id like 'mallory%'");
            smuggled.next();
            assertThat(smuggled.getInt(1)).isZero();
        }
    }

    @Test
    void aListenerWhoDidNotGrantFollowReadingKeepsWhatWasLastCheckedAndTheRunSaysWhy() throws Exception {
        var refused = SharedStack.musicApis().stubFor(asAlice(WireMock.get(WireMock.urlPathEqualTo("/v1/me/library/contains"))).atPriority(1)
                .willReturn(WireMock.forbidden().withBody("{\"error\": {\"status\": 403, \"message\": \"Insufficient client scope\"}}")));
        try {
            JsonNode run = client.startRun(Map.of("source", "spotify-profiles", "wait", "true"));
            assertThat(outcome(run)).isEqualTo("RECORDED account alice.spotify; 3 playlist(s) (2 unreadable) of 2 owner(s), 1 profile(s) read; "
                    + PROFILES_REFUSED + "; follows not checked: Spotify refused (HTTP 403): the listener must grant user-follow-read;"
                    + " 3 user(s) published");
        } finally {
            SharedStack.musicApis().removeStub(refused);
        }
    }

    @Test
    void aUserIdThatIsNotOneIsRefused() {
        assertThatThrownBy(() -> client.graphql("{ spotifyUser(id: \"a,b\") { id } }", Map.of()))
                .hasMessageContaining("id must be a Spotify user id");
        assertThatThrownBy(() -> client.graphql("{ spotifyUser(id: \"%s\") { id } }".formatted("x".repeat(65)), Map.of()))
                .hasMessageContaining("id must be a Spotify user id");
    }

    private static MappingBuilder asAlice(MappingBuilder request) {
        return request.withHeader("Authorization", WireMock.equalTo("Bearer " + SharedStack.LISTENER_ACCESS_TOKEN));
    }

    private static MappingBuilder playlist(String id) {
        return asAlice(WireMock.get(WireMock.urlPathEqualTo("/v1/playlists/" + id)))
                .withQueryParam("fields", WireMock.equalTo("id,name,external_urls,owner(id,display_name,external_urls)"));
    }

    /** A playlist as {@code /v1/playlists/{id}?fields=...} answers it. */
    private static String owned(String id, String name, String ownerId, String ownerName) {
        return """
                {"id": "%s", "name": "%s", "external_urls": {"spotify": "https://open.spotify.com/playlist/%s"},
                 "owner": {"id": "%s", "display_name": "%s", "external_urls": {"spotify": "https://open.spotify.com/user/%s"}}}"""
                .formatted(id, name, id, ownerId, ownerName, ownerId);
    }

    private static String outcome(JsonNode run) {
        for (JsonNode outcome : run.path("playlists")) {
            if ("profiles-alice".equals(outcome.path("genre").asString())) {
                return outcome.path("status").asString() + " " + outcome.path("detail").asString("");
            }
        }
        throw new AssertionError("no outcome for alice's profile in " + run);
    }
}
