package io.tunemeld.normalizer.identity;

import java.util.Set;

/**
 * A track known with an ISRC, under its normalised title and artist set.
 *
 * @param primaryArtist its first credited artist; null where it was learnt before the catalog kept it
 */
public record CatalogEntry(String isrc, String titleKey, Set<String> artists, String primaryArtist) {
}
