package io.tunemeld.normalizer.payload;

import io.tunemeld.schemas.MusicService;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses a raw payload with the shape its service uses. Entries that cannot be parsed are skipped and
 * counted; a payload that is not JSON, or not a shape of its service, is rejected as a whole.
 */
@Component
public class PayloadParser {

    private static final Map<MusicService, List<PayloadShape>> SHAPES = Map.of(
            MusicService.SPOTIFY, List.of(new SpotdlShape(), new SpotifyWebApiShape()),
            MusicService.APPLE_MUSIC, List.of(new AppleMusicShape()),
            MusicService.SOUNDCLOUD, List.of(new SoundCloudShape()));

    private final JsonMapper json = JsonMapper.shared();

    public ParsedPlaylist parse(MusicService service, String payload) {
        JsonNode root;
        try {
            root = json.readTree(payload);
        } catch (JacksonException e) {
            throw new UnparseablePayloadException("payload is not valid JSON: " + e.getOriginalMessage(), e);
        }
        return SHAPES.getOrDefault(service, List.of()).stream()
                .filter(shape -> shape.accepts(root))
                .findFirst()
                .orElseThrow(() -> new UnparseablePayloadException(
                        "payload is not a " + service.slug() + " playlist shape (top level: " + root.getNodeType() + ")"))
                .parse(root);
    }
}
