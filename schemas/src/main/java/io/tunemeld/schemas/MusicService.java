package io.tunemeld.schemas;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The services TuneMeld knows. Events carry the {@link #slug()} (a string, so adding a service never
 * breaks an old reader); the editorial ones have playlists that are ranked into aggregates, YouTube only
 * supplies links and views, Last.fm is a listening source (a listener's top tracks with play counts).
 */
public enum MusicService {
    SPOTIFY("spotify", 1, true, Isrcs.EVERY_ENTRY),
    APPLE_MUSIC("apple_music", 2, true, Isrcs.NONE),
    SOUNDCLOUD("soundcloud", 3, true, Isrcs.SOME_ENTRIES),
    YOUTUBE("youtube", 4, false, Isrcs.NONE),
    LASTFM("lastfm", 5, false, Isrcs.NONE);

    /** How many of a playlist's entries carry an ISRC in the service's payloads, most first. */
    public enum Isrcs {
        EVERY_ENTRY,
        /** SoundCloud's: an upload names its ISRC only when it names a publisher. */
        SOME_ENTRIES,
        NONE
    }

    private final String slug;
    private final int metadataPriority;
    private final boolean editorial;
    private final Isrcs isrcs;

    MusicService(String slug, int metadataPriority, boolean editorial, Isrcs isrcs) {
        this.slug = slug;
        this.metadataPriority = metadataPriority;
        this.editorial = editorial;
        this.isrcs = isrcs;
    }

    public String slug() {
        return slug;
    }

    /** Its playlists are editorial charts, ranked into the genre's aggregate. */
    public boolean editorial() {
        return editorial;
    }

    /**
     * How many of its entries carry an ISRC. An ingest publishes the services with most first: the others'
     * entries then match the catalog these teach on first sight, instead of taking a fallback key and being
     * resolved again (and re-keyed downstream).
     */
    public Isrcs isrcs() {
        return isrcs;
    }

    /** Lower wins when services disagree on a track's title, artist, album or artwork. */
    public int metadataPriority() {
        return metadataPriority;
    }

    /** The service of this slug (in any case); empty for none. */
    public static Optional<MusicService> find(String slug) {
        String wanted = slug.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.slug.equals(wanted)).findFirst();
    }

    /** The service of this slug, which must be one: for values our own code wrote (a stored row, a setting). */
    public static MusicService of(String slug) {
        return find(slug).orElseThrow(() -> new IllegalArgumentException("unknown service '" + slug + "': one of "
                + Arrays.stream(values()).map(MusicService::slug).collect(Collectors.joining(", "))));
    }
}
