package io.tunemeld.schemas;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The services TuneMeld knows. Events carry the {@link #slug()} (a string, so adding a service never
 * breaks an old reader); the editorial ones have playlists that are ranked into aggregates, YouTube only
 * supplies links and views, Last.fm is a listening source (a listener's top tracks with play counts).
 */
public enum MusicService {
    SPOTIFY("spotify", 1, true, true),
    APPLE_MUSIC("apple_music", 2, true, false),
    SOUNDCLOUD("soundcloud", 3, true, true),
    YOUTUBE("youtube", 4, false, false),
    LASTFM("lastfm", 5, false, false);

    private final String slug;
    private final int metadataPriority;
    private final boolean editorial;
    private final boolean carriesIsrcs;

    MusicService(String slug, int metadataPriority, boolean editorial, boolean carriesIsrcs) {
        this.slug = slug;
        this.metadataPriority = metadataPriority;
        this.editorial = editorial;
        this.carriesIsrcs = carriesIsrcs;
    }

    public String slug() {
        return slug;
    }

    /** Its playlists are editorial charts, ranked into the genre's aggregate. */
    public boolean editorial() {
        return editorial;
    }

    /**
     * Its playlists' entries carry ISRCs (Spotify's always, SoundCloud's when the upload names a publisher).
     * An ingest publishes these first: the other services' entries then match the catalog they teach on
     * first sight, instead of taking a fallback key and being resolved again (and re-keyed downstream).
     */
    public boolean carriesIsrcs() {
        return carriesIsrcs;
    }

    /** Lower wins when services disagree on a track's title, artist, album or artwork. */
    public int metadataPriority() {
        return metadataPriority;
    }

    public static Optional<MusicService> fromSlug(String slug) {
        String wanted = slug.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.slug.equals(wanted)).findFirst();
    }

    public static MusicService ofSlug(String slug) {
        return fromSlug(slug).orElseThrow(() -> new IllegalArgumentException("unknown service: " + slug));
    }
}
