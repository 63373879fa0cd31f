package io.tunemeld.normalizer.payload;

import io.tunemeld.platform.web.WebUrls;
import io.tunemeld.schemas.MusicService;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses a raw payload with the shape its service uses. Entries that cannot be parsed, or carry a text
 * longer than any real title, name or URL, are skipped and counted; a payload that is not JSON, not a
 * shape of its service, or without a single usable entry is rejected as a whole (an empty snapshot would
 * replace the service's last good playlist and drop it from the genre's aggregate).
 */
@Component
public class PayloadParser {

    private static final Map<MusicService, List<PayloadShape>> SHAPES = Map.of(
            MusicService.SPOTIFY, List.of(new SpotdlShape(), new SpotifyWebApiShape()),
            MusicService.APPLE_MUSIC, List.of(new AppleMusicShape()),
            MusicService.SOUNDCLOUD, List.of(new SoundCloudShape()),
            MusicService.LASTFM, List.of(new LastFmShape()));

    /** Longer than any real title, artist list, album, id or URL. */
    static final int MAX_TEXT_LENGTH = 2000;

    private final JsonMapper json = JsonMapper.shared();

    public ParsedPlaylist parse(MusicService service, String payload) {
        JsonNode root;
        try {
            root = json.readTree(payload);
        } catch (JacksonException e) {
            throw new UnparseablePayloadException("payload is not valid JSON: " + e.getOriginalMessage(), e);
        }
        ParsedPlaylist parsed = SHAPES.getOrDefault(service, List.of()).stream()
                .filter(shape -> shape.accepts(root))
                .findFirst()
                .orElseThrow(() -> new UnparseablePayloadException(
                        "payload is not a " + service.slug() + " playlist shape (top level: " + root.getNodeType() + ")"))
                .parse(root);
        List<ParsedEntry> usable = parsed.entries().stream().filter(PayloadParser::withinLimits).map(PayloadParser::webUrlsOnly).toList();
        if (usable.isEmpty()) {
            throw new UnparseablePayloadException(parsed.length() == 0 ? "the playlist has no entries"
                    : "none of the playlist's " + parsed.length() + " entries could be parsed");
        }
        return new ParsedPlaylist(parsed.length(), parsed.skipped() + parsed.entries().size() - usable.size(), parsed.name(),
                WebUrls.webOrNull(parsed.url()), usable);
    }

    /** Links and artwork become href and src on our pages: an address that is not http(s) is dropped, the entry kept. */
    private static ParsedEntry webUrlsOnly(ParsedEntry entry) {
        return new ParsedEntry(entry.position(), entry.title(), entry.artists(), entry.album(), entry.isrc(), entry.serviceTrackId(),
                WebUrls.webOrNull(entry.url()), WebUrls.webOrNull(entry.artworkUrl()), entry.uploader(), entry.playCount());
    }

    private static boolean withinLimits(ParsedEntry entry) {
        return Stream.concat(Stream.of(entry.title(), entry.album(), entry.isrc(), entry.serviceTrackId(), entry.url(),
                        entry.artworkUrl(), entry.uploader()), entry.artists().stream())
                .allMatch(text -> text == null || text.length() <= MAX_TEXT_LENGTH);
    }
}
