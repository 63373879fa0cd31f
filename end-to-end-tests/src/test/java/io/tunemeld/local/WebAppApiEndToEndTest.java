package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.events.PlaylistSnapshotResolved;
import io.tunemeld.events.SnapshotEntry;
import io.tunemeld.events.ViewsCounted;
import io.tunemeld.schemas.EventIds;
import io.tunemeld.schemas.MusicService;
import io.tunemeld.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * TuneMeld's own web app against our backend: its operations, written out field by field as its GraphQL
 * client sends them, posted where it posts them ({@code /api/<operation>/} on the API's own port) and
 * answered from the real stack's read model.
 */
class WebAppApiEndToEndTest {

    private static final String TRACK_FIELDS = """
            tunemeldRank spotifyRank appleMusicRank soundcloudRank isrc trackName artistName fullTrackName fullArtistName
            albumName albumCoverUrl youtubeUrl spotifyUrl appleMusicUrl soundcloudUrl totalCurrentPlayCount
            totalWeeklyChangePercentage spotifyCurrentPlayCount youtubeCurrentPlayCount
            buttonLabels { buttonType context title ariaLabel }
            spotifySource { name displayName url iconUrl }
            appleMusicSource { name displayName url iconUrl }
            soundcloudSource { name displayName url iconUrl }
            youtubeSource { name displayName url iconUrl }
            trackDetailUrlSpotify: trackDetailUrl(genre: $genre, rank: "tunemeld-rank", player: "spotify")
            trackDetailUrlAppleMusic: trackDetailUrl(genre: $genre, rank: "tunemeld-rank", player: "apple_music")
            trackDetailUrlSoundcloud: trackDetailUrl(genre: $genre, rank: "tunemeld-rank", player: "soundcloud")
            trackDetailUrlYoutube: trackDetailUrl(genre: $genre, rank: "tunemeld-rank", player: "youtube")""";
    private static final String GET_PLAYLIST = """
            query GetPlaylist($genre: String!, $service: String!) {
              playlist(genre: $genre, service: $service) { genreName serviceName tracks { %s } }
            }""".formatted(TRACK_FIELDS);
    private static final String GET_PLAYLIST_METADATA = """
            query GetPlaylistMetadata($genre: String!) {
              serviceOrder
              playlistsByGenre(genre: $genre) {
                playlistName playlistCoverUrl playlistCoverDescriptionText playlistUrl genreName serviceName
                serviceDisplayName serviceIconUrl debugCacheStatus
              }
            }""";
    private static final String GENERATE_IFRAME_URL = """
            query GenerateIframeUrl($serviceName: String!, $trackUrl: String!) {
              generateIframeUrl(serviceName: $serviceName, trackUrl: $trackUrl)
            }""";

    private static final String LABELS = "{ buttonType context title ariaLabel }";
    private static final String GET_STATIC_CONFIG = """
            query GetStaticConfig {
              genres { id name displayName iconUrl buttonLabels %1$s }
              ranks { name displayName sortField sortOrder isDefault dataField }
              closePlayerLabels: miscButtonLabels(buttonType: "close_player") %1$s
              themeToggleLightLabels: miscButtonLabels(buttonType: "theme_toggle", context: "light") %1$s
              moreButtonSpotifyLabels: miscButtonLabels(buttonType: "more_button", context: "spotify") %1$s
            }""".formatted(LABELS);
    private static final String GET_PLAY_COUNTS = """
            query GetPlayCounts($isrcs: [String!]!) {
              tracksPlayCounts(isrcs: $isrcs) {
                isrc youtubeCurrentPlayCount spotifyCurrentPlayCount totalCurrentPlayCount youtubeCurrentPlayCountAbbreviated
                spotifyCurrentPlayCountAbbreviated totalCurrentPlayCountAbbreviated totalWeeklyChangePercentage
                totalWeeklyChangePercentageFormatted
              }
            }""";
    private static final String GET_SERVICE_CONFIGS = """
            query GetServiceConfigs { serviceConfigs { name displayName iconUrl urlField sourceField buttonLabels %s } }""".formatted(LABELS);
    private static final String GET_IFRAME_CONFIGS = """
            query GetIframeConfigs { iframeConfigs { serviceName embedBaseUrl embedParams allow height referrerPolicy } }""";
    private static final String GET_SIMILAR_TRACKS = """
            query GetSimilarTracks($isrc: String!, $limit: Int!) {
              trackByIsrc(isrc: $isrc) { similarTracks(limit: $limit) {
                isrc trackName artistName albumCoverUrl spotifyUrl appleMusicUrl soundcloudUrl youtubeUrl } }
            }""";
    private static final String GET_DEFAULT_GENRE = "query GetAvailableGenres { genres { name } defaultGenre }";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.shared();

    private static LocalStack stack;
    /** Whether {@link #countedGenre()} was published in this JVM. */
    private static boolean counted;
    private static StackClient ours;

    @BeforeAll
    static void samples() throws Exception {
        stack = SharedStack.get();
        ours = StackClient.of(stack);
        SharedStack.samplesRun();
        SharedStack.awaitCaughtUp();
    }

    @Test
    void theAggregateIsTheOneOurApiServesWithEachTracksRanksAndPages() throws Exception {
        JsonNode aggregate = ours.graphql("""
                { aggregatePlaylist(genre: "pop") { entries(limit: 250) { rank track { key isrc title artist album artworkUrl
                  spotifyUrl appleMusicUrl soundcloudUrl youtubeUrl } positions { service position } } } }""", Map.of())
                .path("aggregatePlaylist").path("entries");
        assertThat(aggregate.size()).as("the samples' pop aggregate").isGreaterThanOrEqualTo(3);

        JsonNode playlist = data(app("GetPlaylist", GET_PLAYLIST, Map.of("genre", "pop", "service", "tunemeld"))).path("playlist");
        assertThat(playlist.path("genreName").asString()).isEqualTo("pop");
        assertThat(playlist.path("serviceName").asString()).isEqualTo("tunemeld");
        JsonNode tracks = playlist.path("tracks");
        assertThat(tracks.size()).isEqualTo(aggregate.size());
        for (int i = 0; i < aggregate.size(); i++) {
            JsonNode entry = aggregate.get(i);
            JsonNode ourTrack = entry.path("track");
            JsonNode track = tracks.get(i);
            assertThat(track.path("tunemeldRank").asInt()).isEqualTo(entry.path("rank").asInt());
            assertThat(track.path("isrc")).isEqualTo(ourTrack.path("isrc"));
            assertThat(track.path("fullTrackName")).isEqualTo(ourTrack.path("title"));
            assertThat(track.path("fullArtistName")).isEqualTo(ourTrack.path("artist"));
            assertThat(track.path("albumName")).isEqualTo(ourTrack.path("album"));
            assertThat(track.path("albumCoverUrl")).isEqualTo(ourTrack.path("artworkUrl"));
            Map<String, Integer> positions = new HashMap<>();
            entry.path("positions").forEach(p -> positions.put(p.path("service").asString(), p.path("position").asInt()));
            assertThat(positions).as("an aggregate track's services").hasSizeGreaterThanOrEqualTo(2);
            for (String[] service : new String[][] {{"spotify", "SPOTIFY", "spotifyUrl", "Spotify"},
                    {"apple_music", "APPLE_MUSIC", "appleMusicUrl", "Apple Music"}, {"soundcloud", "SOUNDCLOUD", "soundcloudUrl", "SoundCloud"},
                    {"youtube", "YOUTUBE", "youtubeUrl", "YouTube"}}) {
                String camel = service[2].replace("Url", "");
                assertThat(track.path(service[2])).as("%s of rank %d", service[2], i + 1).isEqualTo(ourTrack.path(service[2]));
                if (ourTrack.path(service[2]).isNull()) {
                    assertThat(track.path(camel + "Source").isNull()).isTrue();
                } else {
                    assertThat(track.path(camel + "Source").path("url")).isEqualTo(ourTrack.path(service[2]));
                    assertThat(track.path(camel + "Source").path("name").asString()).isEqualTo(service[0]);
                    assertThat(track.path(camel + "Source").path("displayName").asString()).isEqualTo(service[3]);
                    assertThat(track.path(camel + "Source").path("iconUrl").asString()).isEqualTo("/images/" + service[0] + "_logo.png");
                }
                if (!service[0].equals("youtube")) {
                    Integer rank = positions.get(service[1]);
                    assertThat(track.path(camel + "Rank").isNull() ? null : track.path(camel + "Rank").asInt())
                            .as("%s rank of rank %d", service[0], i + 1).isEqualTo(rank);
                }
            }
            String isrc = ourTrack.path("isrc").asString();
            assertThat(track.path("trackDetailUrlSpotify").asString())
                    .isEqualTo("/?genre=pop&rank=tunemeld-rank&player=spotify&isrc=" + isrc);
            assertThat(track.path("trackDetailUrlYoutube").asString())
                    .isEqualTo("/?genre=pop&rank=tunemeld-rank&player=youtube&isrc=" + isrc);
        }
    }

    @Test
    void aServicesPlaylistListsItsEntriesInOrderWithTheirAggregateRanks() throws Exception {
        JsonNode ourPlaylist = ours.graphql("""
                { playlist(genre: "pop", service: SPOTIFY) { entries(limit: 250) { position track { key isrc } } }
                  aggregatePlaylist(genre: "pop") { entries(limit: 250) { rank track { key } } } }""", Map.of());
        Map<String, Integer> aggregateRanks = new HashMap<>();
        ourPlaylist.path("aggregatePlaylist").path("entries").forEach(e -> aggregateRanks.put(e.path("track").path("key").asString(),
                e.path("rank").asInt()));
        List<String> keys = new ArrayList<>();
        ourPlaylist.path("playlist").path("entries").forEach(e -> {
            if (!keys.contains(e.path("track").path("key").asString())) {
                keys.add(e.path("track").path("key").asString());
            }
        });

        JsonNode tracks = data(app("GetPlaylist", GET_PLAYLIST, Map.of("genre", "pop", "service", "spotify"))).path("playlist").path("tracks");
        assertThat(tracks.size()).isEqualTo(keys.size());
        for (int i = 0; i < tracks.size(); i++) {
            JsonNode track = tracks.get(i);
            assertThat(track.path("isrc").asString()).isEqualTo(keys.get(i));
            assertThat(track.path("spotifyRank").asInt()).as("Spotify's own order").isEqualTo(i + 1);
            Integer rank = aggregateRanks.get(keys.get(i));
            assertThat(track.path("tunemeldRank").isNull() ? null : track.path("tunemeldRank").asInt()).isEqualTo(rank);
        }
    }

    @Test
    void theMetadataNamesEachServicesPlaylistInTheAppsOrder() throws Exception {
        JsonNode ourPlaylists = ours.graphql("{ genre(name: \"pop\") { playlists { service name url coverUrl } } }", Map.of())
                .path("genre").path("playlists");
        Map<String, JsonNode> byService = new HashMap<>();
        ourPlaylists.forEach(p -> byService.put(p.path("service").asString().toLowerCase(), p));

        JsonNode data = data(app("GetPlaylistMetadata", GET_PLAYLIST_METADATA, Map.of("genre", "pop")));
        assertThat(data.path("serviceOrder").valueStream().map(JsonNode::asString)).containsExactly("apple_music", "soundcloud", "spotify");
        JsonNode metadata = data.path("playlistsByGenre");
        assertThat(metadata.valueStream().map(m -> m.path("serviceName").asString())).containsExactly("apple_music", "soundcloud", "spotify");
        for (JsonNode playlist : metadata) {
            JsonNode ourPlaylist = byService.get(playlist.path("serviceName").asString());
            assertThat(playlist.path("genreName").asString()).isEqualTo("pop");
            if (!ourPlaylist.path("name").isNull()) {
                assertThat(playlist.path("playlistName")).isEqualTo(ourPlaylist.path("name"));
            }
            assertThat(playlist.path("playlistUrl").asString()).isEqualTo(ourPlaylist.path("url").isNull() ? "" : ourPlaylist.path("url").asString());
            assertThat(playlist.path("playlistCoverUrl").asString()).isEqualTo(ourPlaylist.path("coverUrl").asString());
            assertThat(playlist.path("serviceIconUrl").asString()).isEqualTo("/images/" + playlist.path("serviceName").asString() + "_logo.png");
        }
        assertThat(data(app("GetPlaylistMetadata", GET_PLAYLIST_METADATA, Map.of("genre", "no-such-genre"))).path("playlistsByGenre").size())
                .isZero();
    }

    @Test
    void playCountsAddUpAndTheirWeeklyChangeIsInPerCentOnceAWeekIsCounted() throws Exception {
        String genre = countedGenre();
        String first = "QZWAP2600001";
        String second = "QZWAP2600002";
        JsonNode tracks = data(app("GetPlaylist", GET_PLAYLIST, Map.of("genre", genre, "service", "tunemeld"))).path("playlist").path("tracks");
        assertThat(tracks.valueStream().map(t -> t.path("isrc").asString())).containsExactly(first, second);
        JsonNode aWeek = tracks.get(0);
        assertThat(aWeek.path("totalCurrentPlayCount").asDouble()).isEqualTo(1_150.0);
        assertThat(aWeek.path("totalWeeklyChangePercentage").asDouble()).isEqualTo(10.0);
        assertThat(aWeek.path("youtubeCurrentPlayCount").asDouble()).isEqualTo(1_100.0);
        assertThat(aWeek.path("spotifyCurrentPlayCount").asDouble()).isEqualTo(50.0);
        assertThat(aWeek.path("trackName").asString()).isEqualTo("An Extraordinarily Long Song...");
        assertThat(aWeek.path("fullTrackName").asString()).isEqualTo("An Extraordinarily Long Song Title For Testing");
        JsonNode newcomer = tracks.get(1);
        assertThat(newcomer.path("totalCurrentPlayCount").asDouble()).isEqualTo(500.0);
        assertThat(newcomer.path("totalWeeklyChangePercentage").isNull()).as("a day of counts: no weekly change").isTrue();
        assertThat(newcomer.path("spotifyCurrentPlayCount").isNull()).isTrue();
    }

    /** The older app's (v1) configuration: the genres with an aggregate, its three orders, the services and their players. */
    @Test
    void theOlderAppsConfigurationOperationsAreServed() throws Exception {
        List<String> ourGenres = new ArrayList<>();
        ours.graphql("{ genres }", Map.of()).path("genres").forEach(g -> ourGenres.add(g.asString()));
        JsonNode config = data(app("GetStaticConfig", GET_STATIC_CONFIG, Map.of()));
        List<String> genres = config.path("genres").valueStream().map(g -> g.path("name").asString()).toList();
        assertThat(genres).contains("country", "dance", "pop", "rap").isSubsetOf(ourGenres).doesNotHaveDuplicates();
        assertThat(config.path("genres").get(genres.indexOf("pop")).path("displayName").asString()).isEqualTo("Pop");
        assertThat(config.path("ranks").valueStream().map(r -> r.path("sortField").asString() + " " + r.path("sortOrder").asString() + " "
                + r.path("dataField").asString() + " " + r.path("isDefault").asBoolean()))
                .containsExactly("tunemeld-rank asc tunemeldRank true", "total-plays desc totalCurrentPlayCount false",
                        "trending desc totalWeeklyChangePercentage false");
        assertThat(config.path("closePlayerLabels").size()).isZero();
        assertThat(data(app("GetAvailableGenres", GET_DEFAULT_GENRE, Map.of())).path("defaultGenre").asString()).isEqualTo("pop");

        JsonNode services = data(app("GetServiceConfigs", GET_SERVICE_CONFIGS, Map.of())).path("serviceConfigs");
        assertThat(services.valueStream().map(c -> c.path("name").asString() + " " + c.path("urlField").asString() + " "
                + c.path("sourceField").asString())).contains("apple_music appleMusicUrl appleMusicSource", "spotify spotifyUrl spotifySource");
        JsonNode players = data(app("GetIframeConfigs", GET_IFRAME_CONFIGS, Map.of())).path("iframeConfigs");
        JsonNode spotifyPlayer = players.valueStream().filter(p -> p.path("serviceName").asString().equals("spotify")).findFirst().orElseThrow();
        // the player GenerateIframeUrl gives starts where this one says
        String embedded = data(app("GenerateIframeUrl", GENERATE_IFRAME_URL, Map.of("serviceName", "spotify",
                "trackUrl", "https://open.spotify.com/track/0cjJKsmTPUZeZY5A9IyXca"))).path("generateIframeUrl").asString();
        assertThat(embedded).startsWith(spotifyPlayer.path("embedBaseUrl").asString());
        assertThat(spotifyPlayer.path("height").asString()).isEqualTo("80");
    }

    @Test
    void theOlderAppsPlayCountsAndSimilarTracksAreServedFromTheCountsAndTracksKnown() throws Exception {
        countedGenre();
        JsonNode counts = data(app("GetPlayCounts", GET_PLAY_COUNTS, Map.of("isrcs", List.of("QZWAP2600001", "QZWAP2600002", "QZWAP2600009"))))
                .path("tracksPlayCounts");
        assertThat(counts.valueStream().map(c -> c.path("isrc").asString())).as("the counted ones").containsExactly("QZWAP2600001", "QZWAP2600002");
        assertThat(counts.get(0).path("totalCurrentPlayCountAbbreviated").asString()).isEqualTo("1.150K");
        assertThat(counts.get(0).path("youtubeCurrentPlayCountAbbreviated").asString()).isEqualTo("1.100K");
        assertThat(counts.get(0).path("spotifyCurrentPlayCountAbbreviated").asString()).isEqualTo("50");
        assertThat(counts.get(0).path("totalWeeklyChangePercentageFormatted").asString()).isEqualTo("+10");
        assertThat(counts.get(1).path("totalWeeklyChangePercentage").isNull()).isTrue();
        assertThat(counts.get(1).path("totalWeeklyChangePercentageFormatted").asString()).isEqualTo("0");

        String isrc = ours.graphql("{ aggregatePlaylist(genre: \"dance\") { entries(limit: 1) { track { isrc } } } }", Map.of())
                .path("aggregatePlaylist").path("entries").get(0).path("track").path("isrc").asString();
        JsonNode similar = data(app("GetSimilarTracks", GET_SIMILAR_TRACKS, Map.of("isrc", isrc, "limit", 10))).path("trackByIsrc");
        assertThat(similar.path("similarTracks").isArray()).isTrue();
        assertThat(similar.path("similarTracks").size()).isZero();
        assertThat(data(app("GetSimilarTracks", GET_SIMILAR_TRACKS, Map.of("isrc", "QZWAP2600404", "limit", 10))).path("trackByIsrc").isNull())
                .as("an unknown track").isTrue();
        JsonNode malformed = app("GetSimilarTracks", GET_SIMILAR_TRACKS, Map.of("isrc", "../../etc/passwd", "limit", 10)).body();
        assertThat(malformed.path("errors").get(0).path("message").asString()).startsWith("isrc must be an ISRC");
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 251; i++) {
            tooMany.add("QZWAP26%05d".formatted(i));
        }
        assertThat(app("GetPlayCounts", GET_PLAY_COUNTS, Map.of("isrcs", tooMany)).body().path("errors").get(0).path("message").asString())
                .startsWith("isrcs may hold at most 250");
    }

    @Test
    void theEmbeddedPlayerIsGivenForATrackPageAndRefusedForAnyOtherAddress() throws Exception {
        assertThat(data(app("GenerateIframeUrl", GENERATE_IFRAME_URL, Map.of("serviceName", "spotify",
                "trackUrl", "https://open.spotify.com/track/0cjJKsmTPUZeZY5A9IyXca"))).path("generateIframeUrl").asString())
                .isEqualTo("https://open.spotify.com/embed/track/0cjJKsmTPUZeZY5A9IyXca");
        assertThat(data(app("GenerateIframeUrl", GENERATE_IFRAME_URL, Map.of("serviceName", "spotify",
                "trackUrl", "javascript:alert(document.cookie)//open.spotify.com/track/x"))).path("generateIframeUrl").isNull()).isTrue();
    }

    @Test
    void argumentsAndRequestsOutsideTheContractAreRefusedSayingWhy() throws Exception {
        JsonNode service = app("GetPlaylist", GET_PLAYLIST, Map.of("genre", "pop", "service", "napster")).body();
        assertThat(service.path("errors").get(0).path("message").asString()).startsWith("service must be tunemeld, apple_music, soundcloud, spotify");
        JsonNode genre = app("GetPlaylist", GET_PLAYLIST, Map.of("genre", "pop' or 1=1 --", "service", "spotify")).body();
        assertThat(genre.path("errors").get(0).path("message").asString()).startsWith("genre must be letters, digits");
        assertThat(genre.path("data").path("playlist").isNull()).isTrue();

        JsonNode otherOperation = app("GetPlaylistMetadata", GET_PLAYLIST, Map.of("genre", "pop", "service", "spotify")).body();
        assertThat(otherOperation.path("errors").get(0).path("message").asString()).contains("GetPlaylistMetadata");
        assertThat(otherOperation.path("data").isMissingNode() || otherOperation.path("data").isNull()).isTrue();

        assertThat(post(stack.webAppApiUrl() + "/api/Get%20Playlist/", "{\"query\": \"{ serviceOrder }\"}").statusCode())
                .as("not an operation's path, on the app's port").isEqualTo(404);
        assertThat(post(stack.serviceUrl("cache-service") + "/api/Get%20Playlist/", "{\"query\": \"{ serviceOrder }\"}").statusCode())
                .as("not an operation's name, on cache-service's port").isEqualTo(400);
        assertThat(post(stack.webAppApiUrl() + "/api/GetPlaylist/", "{\"variables\": {}}").statusCode()).isEqualTo(400);
        assertThat(post(stack.webAppApiUrl() + "/api/GetPlaylist/", "{\"query\": \"{ serviceOrder }\", \"padding\": \""
                + "x".repeat(70_000) + "\"}").statusCode()).as("a body over the request size limit").isEqualTo(413);
        // every alias a whole playlist: small to send, costly to answer
        StringBuilder aliases = new StringBuilder("query Costly($genre: String!) { ");
        for (int i = 0; i < 700; i++) {
            aliases.append("p").append(i).append(": playlist(genre: $genre, service: \"spotify\") { tracks { ...T } } ");
        }
        aliases.append("} fragment T on Track { ").append(TRACK_FIELDS).append(" }");
        JsonNode costly = app("Costly", aliases.toString(), Map.of("genre", "pop")).body();
        assertThat(costly.path("errors").path(0).path("message").asString()).startsWith("maximum query complexity exceeded");
        assertThat(costly.path("data").isMissingNode() || costly.path("data").isNull()).as("nothing answered").isTrue();
    }

    @Test
    void theAppsPortServesTheAppsApiAloneAndOnlyTheConfiguredOriginsMayCallIt() throws Exception {
        var graphql = HTTP.send(HttpRequest.newBuilder(URI.create(stack.webAppApiUrl() + "/graphql")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"{ genres }\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(graphql.statusCode()).as("our own API on the app's port").isEqualTo(404);
        var warm = HTTP.send(HttpRequest.newBuilder(URI.create(stack.webAppApiUrl() + "/api/cache/warm"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(warm.statusCode()).as("an admin endpoint on the app's port").isEqualTo(404);
        var actuator = HTTP.send(HttpRequest.newBuilder(URI.create(stack.webAppApiUrl() + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(actuator.statusCode()).isEqualTo(404);

        var allowed = preflight("http://localhost:3000");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
        var other = preflight("https://evil.example");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    /**
     * A genre of its own, so that its counts are the only ones: a week of YouTube history (and a day of
     * Spotify's) for its first track, a day for its second. Published once per test JVM.
     */
    private static synchronized String countedGenre() throws Exception {
        String genre = "webapp-counts";
        if (counted) {
            return genre;
        }
        String first = "QZWAP2600001";
        String second = "QZWAP2600002";
        try (var producer = SharedStack.avroProducer()) {
            for (MusicService service : List.of(MusicService.SPOTIFY, MusicService.SOUNDCLOUD)) {
                String fetchedAt = "2026-01-08T10:00:00Z";
                String snapshotId = EventIds.of(genre, service.slug(), fetchedAt);
                List<SnapshotEntry> entries = List.of(entry(1, first, "An Extraordinarily Long Song Title For Testing"), entry(2, second, "Short"));
                producer.send(new ProducerRecord<>(Topics.Names.PLAYLIST_SNAPSHOTS, Topics.playlistKey(genre, service),
                        PlaylistSnapshotResolved.newBuilder().setEventId(snapshotId).setOccurredAt(Instant.parse(fetchedAt))
                                .setSnapshotId(snapshotId).setGenre(genre).setService(service.slug()).setFetchedAt(Instant.parse(fetchedAt))
                                .setPlaylistLength(2).setSkippedEntries(0).setEntries(entries).build())).get();
            }
            counted(producer, first, "youtube", "2026-01-01", 1_000, null);
            counted(producer, first, "youtube", "2026-01-08", 1_100, 100L);
            counted(producer, first, "spotify", "2026-01-08", 50, null);
            counted(producer, second, "youtube", "2026-01-08", 500, null);
        }
        SharedStack.awaitCaughtUp();
        counted = true;
        return genre;
    }

    private static HttpResponse<String> preflight(String origin) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.webAppApiUrl() + "/api/GetPlaylist/"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static SnapshotEntry entry(int position, String isrc, String title) {
        return SnapshotEntry.newBuilder().setPosition(position).setTrackKey(isrc).setIsrc(isrc).setMatchMethod("PAYLOAD")
                .setMatchConfidence(1.0).setTitle(title).setArtists(List.of("Webb Appleton")).build();
    }

    private static void counted(org.apache.kafka.clients.producer.KafkaProducer<String, Object> producer, String isrc, String service,
            String date, long count, Long delta) throws Exception {
        producer.send(new ProducerRecord<>(Topics.Names.VIEW_COUNTS, isrc, ViewsCounted.newBuilder().setEventId(EventIds.of(isrc, service, date))
                .setOccurredAt(Instant.parse(date + "T12:00:00Z")).setIsrc(isrc).setService(service).setDate(LocalDate.parse(date))
                .setCount(count).setDelta(delta).build())).get();
    }

    record Answer(int status, JsonNode body) {
    }

    /** Posts an operation as the app does: to its own path, JSON only. */
    private static Answer app(String operation, String query, Map<String, Object> variables) throws Exception {
        var response = post(stack.webAppApiUrl() + "/api/" + operation + "/", JSON.writeValueAsString(Map.of("query", query, "variables", variables)));
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    private static JsonNode data(Answer answer) {
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().has("errors")).as("errors: %s", answer.body().path("errors")).isFalse();
        return answer.body().path("data");
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
