package io.tunemeld.cache.webapp;

import io.tunemeld.schemas.MusicService;
import java.util.Arrays;
import java.util.Optional;

/** The services as the web app names and shows them; its images are its own, served beside the page. */
enum AppService {
    APPLE_MUSIC(MusicService.APPLE_MUSIC, "Apple Music", "/images/apple_music_logo.png"),
    SOUNDCLOUD(MusicService.SOUNDCLOUD, "SoundCloud", "/images/soundcloud_logo.png"),
    SPOTIFY(MusicService.SPOTIFY, "Spotify", "/images/spotify_logo.png"),
    YOUTUBE(MusicService.YOUTUBE, "YouTube", "/images/youtube_logo.png");

    /** The name the app gives a genre's aggregate, beside the services' names. */
    static final String AGGREGATE = "tunemeld";

    /** The services with playlists, in the order the app lays them out. */
    static final AppService[] PLAYLISTS = {APPLE_MUSIC, SOUNDCLOUD, SPOTIFY};

    private final MusicService service;
    private final String displayName;
    private final String iconUrl;

    AppService(MusicService service, String displayName, String iconUrl) {
        this.service = service;
        this.displayName = displayName;
        this.iconUrl = iconUrl;
    }

    MusicService service() {
        return service;
    }

    String slug() {
        return service.slug();
    }

    String displayName() {
        return displayName;
    }

    String iconUrl() {
        return iconUrl;
    }

    /** A service by the app's name of it (exactly: the app sends lowercase names). */
    static Optional<AppService> named(String name) {
        return Arrays.stream(values()).filter(s -> s.slug().equals(name)).findFirst();
    }
}
