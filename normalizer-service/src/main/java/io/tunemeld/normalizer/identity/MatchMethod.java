package io.tunemeld.normalizer.identity;

/** How an entry got its track key, in the order they are tried. */
public enum MatchMethod {
    /** The payload carries the ISRC. */
    PAYLOAD,
    /** Title and artists match a track already known with an ISRC. */
    CATALOG,
    /** Found through the Spotify search API. */
    SEARCH,
    /** No ISRC found: the Spotify track id, else a hash of the normalised artists and title. */
    FALLBACK
}
