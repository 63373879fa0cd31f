package io.tunemeld.schemas;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The services TuneMeld knows. Events carry the {@link #slug()} (a string, so adding a service never
 * breaks an old reader); the ranked ones have editorial playlists, YouTube only supplies links and views.
 */
public enum MusicService {
    SPOTIFY("spotify", 1),
    APPLE_MUSIC("apple_music", 2),
    SOUNDCLOUD("soundcloud", 3),
    YOUTUBE("youtube", 4);

    private final String slug;
    private final int metadataPriority;

    MusicService(String slug, int metadataPriority) {
        this.slug = slug;
        this.metadataPriority = metadataPriority;
    }

    public String slug() {
        return slug;
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
