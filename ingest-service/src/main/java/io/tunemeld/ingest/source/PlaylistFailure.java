package io.tunemeld.ingest.source;

/** A playlist a source could not deliver, with the reason; it never stops the other playlists. */
public record PlaylistFailure(String genre, String service, String sourceRef, String reason) {
}
