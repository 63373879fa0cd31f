package io.tunemeld.track.albums;

import java.util.List;

/**
 * An album's scores on albumoftheyear.org, each null where the page shows none (too few reviews).
 *
 * @param url the album's page
 * @param criticScore the critics' average, 0..100
 * @param userScore the users' average, 0..100
 * @param genres as the page lists them, main genres only
 */
public record AlbumRating(String url, Double criticScore, Integer criticReviews, Double userScore, Integer userRatings,
        List<String> genres) {

    public AlbumRating {
        genres = List.copyOf(genres);
    }
}
