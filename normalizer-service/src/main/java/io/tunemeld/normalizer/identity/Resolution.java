package io.tunemeld.normalizer.identity;

/** The track key an entry resolved to, how, and how sure the match is (0..1). */
public record Resolution(String trackKey, String isrc, MatchMethod method, double confidence) {

    /** Less than sure (a fallback key, or a partial match): a song the catalog learns later may do better. */
    public boolean uncertain() {
        return confidence < 1;
    }
}
