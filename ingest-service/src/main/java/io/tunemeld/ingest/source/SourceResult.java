package io.tunemeld.ingest.source;

import java.util.List;

/** What a source delivered in one go: the playlists it could fetch, and those it could not. */
public record SourceResult(List<FetchedPlaylist> playlists, List<PlaylistFailure> failures) {
}
