package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin boundary, tried as an attacker would: every state-changing endpoint of every service, in
 * every spelling that once slipped past a check on the raw URI, without a token and with a wrong one;
 * the payload directories an ingest run may read; and what a payload's addresses become on the page.
 */
class AdminBoundaryEndToEndTest {

    /** Each protected write: the service and its path (query strings as a real call would send them). */
    private static final List<String[]> PROTECTED = List.of(
            new String[] {"ingest-service", "/api/runs", "?dir=SAMPLES"},
            new String[] {"ingest-service", "/api/runs/republish", "?since=2020-01-01T00:00:00Z"},
            new String[] {"cache-service", "/api/cache/warm", ""},
            new String[] {"track-service", "/api/view-counts/runs", ""},
            new String[] {"track-service", "/api/enrichment/runs", ""},
            new String[] {"ingest-service", "/actuator/replay", ""},
            new String[] {"normalizer-service", "/actuator/replay", ""},
            new String[] {"track-service", "/actuator/replay", ""},
            new String[] {"aggregate-service", "/actuator/replay", ""},
            new String[] {"cache-service", "/actuator/replay", ""},
            new String[] {"track-service", "/actuator/retention", ""},
            new String[] {"cache-service", "/actuator/retention", ""},
            new String[] {"aggregate-service", "/actuator/retention", ""});

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalStack stack;

    @BeforeAll
    static void ingested() throws Exception {
        stack = SharedStack.get();
        SharedStack.samplesRun();
    }

    @Test
    void everySpellingOfEveryProtectedWriteIsRefusedWithoutTheTokenAndNothingRuns() throws Exception {
        String runBefore = latestRun();
        List<String> letThrough = new ArrayList<>();
        int tried = 0;
        for (String[] endpoint : PROTECTED) {
            String query = endpoint[2].replace("SAMPLES", SharedStack.samples().toAbsolutePath().toString());
            for (String path : spellings(endpoint[1])) {
                for (String token : new String[] {null, "wrong-" + stack.adminToken(), ""}) {
                    var builder = HttpRequest.newBuilder(URI.create(stack.serviceUrl(endpoint[0]) + path + query))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"from\": \"earliest\"}"));
                    if (token != null) {
                        builder.header("Authorization", "Bearer " + token);
                    }
                    HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
                    tried++;
                    // 401: the boundary asked for the token; 400: the firewall refused a path it will not
                    // normalise (';', '//', '%2F', '.' segments), before any matching
                    if (response.statusCode() != 401 && response.statusCode() != 400) {
                        letThrough.add(response.statusCode() + " " + endpoint[0] + " POST " + path + " token=" + token);
                    }
                }
            }
        }
        assertThat(letThrough).as("of %d requests", tried).isEmpty();
        assertThat(latestRun()).as("no ingest run started").isEqualTo(runBefore);
    }

    @Test
    void thePlainAndEncodedFormsAskForTheTokenAndTheTokenOpensThem() throws Exception {
        for (String path : List.of("/api/cache/warm", "/%61pi/cache/warm", "/api/cache/%77arm", "/api/cache/warm/", "/API/cache/warm")) {
            HttpResponse<String> anonymous = post("cache-service", path, null);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.body()).as(path).contains("Authorization: Bearer <TUNEMELD_ADMIN_TOKEN>");
        }
        assertThat(post("cache-service", "/api/cache/warm", stack.adminToken()).statusCode()).isEqualTo(200);
        assertThat(post("cache-service", "/%61pi/cache/warm", stack.adminToken()).statusCode())
                .as("the decoded path is the same endpoint, for the token holder too").isEqualTo(200);
    }

    @Test
    void readsAndGraphqlQueriesStayOpenAndThePageCarriesAContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(stack.serviceUrl("cache-service") + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> query = HTTP.send(HttpRequest.newBuilder(URI.create(stack.graphqlUrl()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"{ genres }\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
                .contains("script-src 'self'").contains("object-src 'none'").contains("frame-ancestors 'none'"));
        assertThat(query.statusCode()).isEqualTo(200);
        assertThat(query.body()).contains("\"genres\"");
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(stack.ingestUrl() + "/api/runs")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void aPayloadDirectoryOutsideThePayloadRootsIsRefusedAndLinksOutOfOneAreNotRead() throws Exception {
        for (String outside : List.of("/etc", "/", "/proc/self", SharedStack.samples().toAbsolutePath() + "/../../../../etc")) {
            HttpResponse<String> refused = post("ingest-service", "/api/runs?dir=" + outside, stack.adminToken());
            assertThat(refused.statusCode()).as(outside).isEqualTo(400);
            assertThat(refused.body()).as(outside).contains("not a directory inside the payload roots").doesNotContain("passwd");
        }

        Path dir = Files.createTempDirectory("boundary-links-");
        Files.createDirectories(dir.resolve("spotify"));
        Files.createSymbolicLink(dir.resolve("spotify/boundary-passwd.json"), Path.of("/etc/passwd"));
        JsonNode run = StackClient.of(stack).ingest(dir, "test");

        assertThat(run.path("playlists")).hasSize(1);
        assertThat(run.path("playlists").get(0).path("status").asString()).isEqualTo("FAILED");
        assertThat(run.path("playlists").get(0).path("detail").asString()).contains("links outside the payload directory");
        try (var ingest = java.sql.DriverManager.getConnection(stack.databaseUrl(), "ingest", "ingest");
                var rows = ingest.createStatement().executeQuery("select count(*) from ingest.raw_payloads where genre = 'boundary-passwd'")) {
            rows.next();
            assertThat(rows.getInt(1)).as("nothing of /etc/passwd stored").isZero();
        }
    }

    @Test
    void aScriptAddressInAPayloadNeverBecomesALink() throws Exception {
        Path dir = Files.createTempDirectory("boundary-urls-");
        Files.createDirectories(dir.resolve("spotify"));
        Files.writeString(dir.resolve("spotify/boundary-xss.json"), """
                [{"name": "Click Me", "artists": ["Mallory"], "list_position": 1, "isrc": "QZBND2600001",
                  "url": "javascript:alert(document.cookie)", "cover_url": "javascript:alert(1)", "list_length": 1}]""");
        StackClient client = StackClient.of(stack);
        client.ingest(dir, "test");
        SharedStack.awaitCaughtUp();

        JsonNode entry = client.graphql("{ playlist(genre: \"boundary-xss\", service: SPOTIFY) { entries { track { title spotifyUrl artworkUrl } } } }",
                Map.of()).path("playlist").path("entries").get(0).path("track");
        assertThat(entry.path("title").asString()).isEqualTo("Click Me");
        assertThat(entry.path("spotifyUrl").isNull()).as("javascript: is no link").isTrue();
        assertThat(entry.path("artworkUrl").isNull()).isTrue();
    }

    /** The path as written and in the forms a check on the raw URI would not have recognised. */
    private static List<String> spellings(String path) {
        int last = path.lastIndexOf('/') + 1;
        String encodedFirst = "/%" + Integer.toHexString(path.charAt(1)) + path.substring(2);
        String encodedLast = path.substring(0, last) + "%" + Integer.toHexString(path.charAt(last)) + path.substring(last + 1);
        String top = path.substring(0, path.indexOf('/', 1));
        String rest = path.substring(top.length());
        return List.of(path, encodedFirst, encodedLast, path.toUpperCase(), path + "/", path + ";x", top + ";x" + rest,
                "/" + path, top + "/" + rest, top + "/." + rest, top + "/x/.." + rest, top + "%2F" + rest.substring(1), path + "%2F");
    }

    private static HttpResponse<String> post(String service, String pathAndQuery, String token) throws IOException, InterruptedException {
        var builder = HttpRequest.newBuilder(URI.create(stack.serviceUrl(service) + pathAndQuery)).POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String latestRun() throws IOException, InterruptedException {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(stack.ingestUrl() + "/api/runs?limit=1")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return JsonMapper.shared().readTree(body).path(0).path("id").asString();
    }
}
