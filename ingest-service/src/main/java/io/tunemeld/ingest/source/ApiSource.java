package io.tunemeld.ingest.source;

import io.tunemeld.schemas.MusicService;
import java.util.Optional;

/** A service's playlist API. Each is configured by base URL and credentials from the environment. */
public interface ApiSource {

    MusicService service();

    /** What is missing before this source can run (e.g. "RAPIDAPI_KEY is not set"); empty when ready. */
    Optional<String> missingConfiguration();

    /** The playlist's payload in the service's native shape, all pages in one. */
    String fetch(PlaylistRef playlist);
}
