package io.tunemeld.normalizer.snapshot;

import io.tunemeld.normalizer.payload.ParsedPlaylist;
import io.tunemeld.schemas.MusicService;
import java.time.Instant;

/**
 * A parsed playlist snapshot; its id is the id of the raw event it was parsed from. Its run is the ingest run
 * that fetched it, while it is handled from that fetch; null when it is taken again from the store.
 */
public record Snapshot(String id, String runId, String genre, MusicService service, Instant fetchedAt, ParsedPlaylist playlist) {
}
