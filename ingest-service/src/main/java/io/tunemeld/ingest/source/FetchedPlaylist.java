package io.tunemeld.ingest.source;

import io.tunemeld.schemas.MusicService;
import java.time.Instant;

/**
 * One playlist payload as a source returned it.
 *
 * @param sourceRef where exactly: a file path or a playlist reference
 */
public record FetchedPlaylist(String genre, MusicService service, String source, String sourceRef, String payload,
        Instant fetchedAt) {
}
