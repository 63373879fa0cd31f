package io.tunemeld.normalizer.identity;

import java.util.Set;

/** A track known with an ISRC, under its normalised title and artist set. */
public record CatalogEntry(String isrc, String titleKey, Set<String> artists) {
}
