package io.tunemeld.cache.readmodel;

import java.util.List;

/**
 * What the enrichment cascade found of a track, as the API serves it. A track not enriched yet is cached
 * as one without a {@code spotifyId}, so asking again does not reach PostgreSQL.
 */
public record TrackDetailsView(String trackKey, String spotifyId, String album, String releaseDate, Long durationMs,
        Integer popularity, Boolean explicit, List<String> genres, List<Artist> artists, AlbumRating albumRating) {

    static TrackDetailsView none(String trackKey) {
        return new TrackDetailsView(trackKey, null, null, null, null, null, null, List.of(), List.of(), null);
    }

    public boolean enriched() {
        return spotifyId != null;
    }

    /** @param genres empty until the artist's own metadata is fetched */
    public record Artist(String id, String name, List<String> genres, Integer popularity, Long followers) {
    }

    /**
     * The album's scores on albumoftheyear.org; null until rated (documents stored before it was known read as null).
     *
     * @param ratedAt ISO-8601: when the page was read
     */
    public record AlbumRating(String url, Double criticScore, Integer criticReviews, Double userScore, Integer userRatings,
            List<String> genres, String ratedAt) {
    }
}
