package io.tunemeld.ingest.profiles;

/** A playlist a listener played from, and who owns it. */
public record PlayedPlaylist(String id, String name, String url, String ownerId) {
}
