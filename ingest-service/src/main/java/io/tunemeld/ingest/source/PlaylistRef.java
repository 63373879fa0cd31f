package io.tunemeld.ingest.source;

import io.tunemeld.schemas.MusicService;

/** One watched playlist: Spotify's playlist id, or the playlist URL for the RapidAPI scrapers. */
public record PlaylistRef(String genre, MusicService service, String ref) {
}
