package io.tunemeld.normalizer.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How an entry without an ISRC is matched to a known track.
 *
 * @param minConfidence a catalog match below this confidence (0..1) is not made
 */
@ConfigurationProperties("tunemeld.matching")
public record MatchingProperties(@DefaultValue("0.7") double minConfidence) {

    public MatchingProperties {
        if (minConfidence < 0 || minConfidence > 1) {
            throw new IllegalArgumentException("MATCH_MIN_CONFIDENCE must be between 0 and 1, not " + minConfidence);
        }
    }
}
