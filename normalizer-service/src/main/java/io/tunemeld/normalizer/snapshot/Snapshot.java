package io.tunemeld.normalizer.snapshot;

import io.tunemeld.normalizer.payload.ParsedPlaylist;
import io.tunemeld.schemas.MusicService;
import java.time.Instant;

/** A parsed playlist snapshot; its id is the id of the raw event it was parsed from. */
public record Snapshot(String id, String genre, MusicService service, Instant fetchedAt, ParsedPlaylist playlist) {
}
