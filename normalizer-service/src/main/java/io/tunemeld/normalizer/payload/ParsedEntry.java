package io.tunemeld.normalizer.payload;

import java.util.List;

/**
 * One playlist entry as the payload gives it, text already HTML-decoded.
 *
 * @param position the playlist's own 1-based position
 * @param artists credited artists; a service that gives one string gives a one-element list
 * @param isrc ISRC from the payload, when it has one
 * @param uploader SoundCloud's uploading channel, which is not necessarily the artist
 * @param playCount plays by the listener whose chart this is (a listening source); null for a playlist
 */
public record ParsedEntry(int position, String title, List<String> artists, String album, String isrc,
        String serviceTrackId, String url, String artworkUrl, String uploader, Long playCount) {

    public ParsedEntry {
        artists = List.copyOf(artists);
    }

    /** An editorial playlist's entry: no play count. */
    public ParsedEntry(int position, String title, List<String> artists, String album, String isrc,
            String serviceTrackId, String url, String artworkUrl, String uploader) {
        this(position, title, artists, album, isrc, serviceTrackId, url, artworkUrl, uploader, null);
    }
}
