package io.tunemeld.ingest.source;

import io.tunemeld.platform.http.ApiInstrumentation;
import io.tunemeld.platform.http.JsonApiClient;
import io.tunemeld.schemas.MusicService;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/** Apple Music playlists through RapidAPI's apple-music24 scraper ({@code /playlist1/?url=}). */
public class AppleMusicSource implements ApiSource {

    private final RapidApiProperties properties;
    private final JsonApiClient client;

    public AppleMusicSource(RapidApiProperties properties, ApiInstrumentation instrumentation) {
        this.properties = properties;
        this.client = properties.client("Apple Music (RapidAPI)", properties.appleMusicUrl(), instrumentation);
    }

    @Override
    public MusicService service() {
        return MusicService.APPLE_MUSIC;
    }

    @Override
    public Optional<String> missingConfiguration() {
        return properties.missingConfiguration();
    }

    @Override
    public String fetch(PlaylistRef playlist) {
        var payload = client.get("playlist", "/playlist1/?url={url}", RapidApiHeaders.of(properties, properties.appleMusicHost()),
                playlist.ref());
        return JsonMapper.shared().writeValueAsString(payload);
    }
}
