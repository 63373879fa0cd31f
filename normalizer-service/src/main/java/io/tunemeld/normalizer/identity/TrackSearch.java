package io.tunemeld.normalizer.identity;

import java.util.List;
import java.util.Set;

/** An external search for tracks with an ISRC, by normalised title and artists; step 3 of resolution. */
public interface TrackSearch {

    /** No search configured: resolution goes from the catalog straight to the fallback key. */
    TrackSearch NONE = (titleKey, artists) -> List.of();

    /** Tracks with an ISRC that the search finds, normalised like catalog entries (possibly none). */
    List<CatalogEntry> find(String titleKey, Set<String> artists);
}
