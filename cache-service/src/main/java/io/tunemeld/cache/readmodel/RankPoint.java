package io.tunemeld.cache.readmodel;

/** The rank a track held in one computed aggregate of a genre. */
public record RankPoint(String genre, String computedAt, int rank, double score) {
}
