package io.tunemeld.ingest.source;

import io.tunemeld.platform.http.ApiInstrumentation;
import io.tunemeld.platform.http.JsonApiClient;
import io.tunemeld.schemas.MusicService;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SoundCloud playlists through RapidAPI's soundcloud-scraper ({@code /v1/playlist/tracks}), every page
 * to the end of {@code nextOffset}, combined into one payload of the same shape.
 */
public class SoundCloudSource implements ApiSource {

    private final RapidApiProperties properties;
    private final JsonApiClient client;
    private final JsonMapper json = JsonMapper.shared();

    public SoundCloudSource(RapidApiProperties properties, ApiInstrumentation instrumentation) {
        this.properties = properties;
        this.client = properties.client("SoundCloud (RapidAPI)", properties.soundcloudUrl(), instrumentation);
    }

    @Override
    public MusicService service() {
        return MusicService.SOUNDCLOUD;
    }

    @Override
    public Optional<String> missingConfiguration() {
        return properties.missingConfiguration();
    }

    @Override
    public String fetch(PlaylistRef playlist) {
        var headers = RapidApiHeaders.of(properties, properties.soundcloudHost());
        ObjectNode first = null;
        ArrayNode items = json.createArrayNode();
        JsonNode offset = null;
        for (int page = 0; page < properties.soundcloudMaxPages(); page++) {
            JsonNode result = offset == null
                    ? client.get("playlist", "/v1/playlist/tracks?playlist={url}", headers, playlist.ref())
                    : client.get("playlist", "/v1/playlist/tracks?playlist={url}&offset={offset}", headers, playlist.ref(),
                            offset.asString());
            if (!result.path("tracks").path("items").isArray()) {
                throw new SourceException("SoundCloud (RapidAPI) answered without tracks.items", false);
            }
            if (first == null) {
                first = (ObjectNode) result;
            }
            result.path("tracks").path("items").forEach(items::add);
            offset = result.path("tracks").path("nextOffset");
            if (offset.isNull() || offset.isMissingNode() || result.path("tracks").path("items").isEmpty()) {
                break;
            }
        }
        ObjectNode tracks = json.createObjectNode();
        tracks.set("items", items);
        tracks.putNull("nextOffset");
        first.set("tracks", tracks);
        return json.writeValueAsString(first);
    }
}
