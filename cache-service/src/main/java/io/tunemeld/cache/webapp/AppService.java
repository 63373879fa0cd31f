package io.tunemeld.cache.webapp;

import io.tunemeld.schemas.MusicService;
import java.util.Arrays;
import java.util.Optional;

/** The services as the web app names and shows them; its images are its own, served beside the page. */
enum AppService {
    APPLE_MUSIC(MusicService.APPLE_MUSIC, "Apple Music", "/images/apple_music_logo.png",
            new Player("https://embed.music.apple.com/", "app=music", "autoplay *; encrypted-media *;", "175", null)),
    SOUNDCLOUD(MusicService.SOUNDCLOUD, "SoundCloud", "/images/soundcloud_logo.png",
            new Player("https://w.soundcloud.com/player/", "auto_play=true", "autoplay", "166", null)),
    SPOTIFY(MusicService.SPOTIFY, "Spotify", "/images/spotify_logo.png",
            new Player("https://open.spotify.com/embed/", null, "encrypted-media", "80", null)),
    YOUTUBE(MusicService.YOUTUBE, "YouTube", "/images/youtube_logo.png",
            new Player("https://www.youtube.com/embed/", "autoplay=1", "autoplay; encrypted-media", "315", "no-referrer-when-downgrade"));

    /** The service's embedded player as the app frames it: where its addresses start, and the frame's attributes. */
    record Player(String embedBaseUrl, String embedParams, String allow, String height, String referrerPolicy) {
    }

    /** The name the app gives a genre's aggregate, beside the services' names. */
    static final String AGGREGATE = "tunemeld";

    /** The services with playlists, in the order the app lays them out. */
    static final AppService[] PLAYLISTS = {APPLE_MUSIC, SOUNDCLOUD, SPOTIFY};

    private final MusicService service;
    private final String displayName;
    private final String iconUrl;
    private final Player player;

    AppService(MusicService service, String displayName, String iconUrl, Player player) {
        this.service = service;
        this.displayName = displayName;
        this.iconUrl = iconUrl;
        this.player = player;
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

    Player player() {
        return player;
    }

    /** The name of a track's field for this service, e.g. {@code appleMusic} (then {@code appleMusicUrl}). */
    String field() {
        StringBuilder field = new StringBuilder();
        for (String word : slug().split("_")) {
            field.append(field.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return field.toString();
    }

    /** A service by the app's name of it (exactly: the app sends lowercase names). */
    static Optional<AppService> named(String name) {
        return Arrays.stream(values()).filter(s -> s.slug().equals(name)).findFirst();
    }
}
