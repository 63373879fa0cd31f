package io.tunemeld.track.enrichment;

import java.time.Duration;
import java.util.Optional;

/**
 * The cascade's steps, in their order: a track's metadata names its artists and its album, whose metadata and
 * ratings follow; then its audience.
 */
public enum EnrichmentStep {

    /** Subject: a track key. Spotify's album, release date, duration, popularity and artists. */
    TRACK_METADATA,
    /** Subject: a Spotify artist id. Its genres, popularity and followers. */
    ARTIST_METADATA,
    /** Subject: a track key. Its view or play counts on the genre's priority platforms. */
    AUDIENCE,
    /** Subject: an album's key ({@link Album}). Its critic and user scores and genres on albumoftheyear.org. */
    ALBUM_RATINGS;

    Duration maxAge(EnrichmentProperties properties) {
        return this == AUDIENCE ? properties.audienceMaxAge() : properties.metadataMaxAge();
    }

    static Optional<EnrichmentStep> parse(String name) {
        for (EnrichmentStep step : values()) {
            if (step.name().equals(name)) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }
}
