package io.tunemeld.cache.readmodel;

import java.util.List;

/**
 * One service's playlist for a genre as the API serves it.
 *
 * @param length the playlist's length as fetched, including entries that could not be parsed
 */
public record PlaylistView(String genre, String service, String name, String url, String fetchedAt, int length,
        List<Entry> entries) {

    /** @param playCount the listener's plays, on a listening source's chart (Last.fm); null on a playlist */
    public record Entry(int position, String trackKey, String isrc, String title, String artist, String url,
            String artworkUrl, String matchMethod, double matchConfidence, Long playCount) {
    }
}
