package io.tunemeld.cache.readmodel;

/** A canonical track as the API serves it. */
public record TrackView(String trackKey, String isrc, String title, String artist, String album, String artworkUrl,
        String spotifyUrl, String appleMusicUrl, String soundcloudUrl, String youtubeUrl) {

    /** What the API shows for a track whose canonical record has not arrived yet. */
    public static TrackView provisional(String trackKey, String isrc, String title, String artist) {
        return new TrackView(trackKey, isrc, title, artist, null, null, null, null, null, null);
    }
}
