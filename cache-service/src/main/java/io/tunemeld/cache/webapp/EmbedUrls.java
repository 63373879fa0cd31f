package io.tunemeld.cache.webapp;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The address of a service's embedded player for a track's page. The page's address comes from the
 * browser, so it is read, not trusted: only an https address on the service's own host, with a path of
 * the service's track shape, gives a player, and the player's address is built from the parts read (an
 * id, a name of safe characters), never from the text given.
 */
final class EmbedUrls {

    /** Longer than any track page's address. */
    static final int MAX_LENGTH = 2_000;

    private static final Pattern SPOTIFY = Pattern.compile("/(?:intl-[a-z]{2}(?:-[a-z]{2})?/)?(track|album|playlist)/([A-Za-z0-9]{1,64})/?");
    private static final Pattern APPLE_MUSIC = Pattern.compile("/([a-z]{2})/album/(?:[^/]{1,200}/)?([0-9]{1,20})/?");
    private static final Pattern APPLE_MUSIC_TRACK = Pattern.compile("(?:^|&)i=([0-9]{1,20})(?:&|$)");
    private static final Pattern SOUNDCLOUD = Pattern.compile("(/[A-Za-z0-9_-]{1,100}){2,4}/?");
    private static final Pattern YOUTUBE_WATCH = Pattern.compile("(?:^|&)v=([A-Za-z0-9_-]{11})(?:&|$)");
    private static final Pattern YOUTUBE_SHORT = Pattern.compile("/([A-Za-z0-9_-]{11})");

    private EmbedUrls() {
    }

    /** @return the player's address, empty for an unknown service or an address that is not one of its tracks */
    static Optional<String> of(String serviceName, String trackUrl) {
        Optional<AppService> service = AppService.named(serviceName);
        Optional<URI> page = https(trackUrl);
        if (service.isEmpty() || page.isEmpty()) {
            return Optional.empty();
        }
        URI uri = page.get();
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        return switch (service.get()) {
            case SPOTIFY -> Optional.of(host).filter("open.spotify.com"::equals).flatMap(h -> match(SPOTIFY, path))
                    .map(m -> AppService.SPOTIFY.player().embedBaseUrl() + m.group(1) + "/" + m.group(2));
            case APPLE_MUSIC -> Optional.of(host).filter("music.apple.com"::equals).flatMap(h -> match(APPLE_MUSIC, path))
                    .flatMap(album -> find(APPLE_MUSIC_TRACK, query).map(track -> AppService.APPLE_MUSIC.player().embedBaseUrl()
                            + album.group(1) + "/album/" + album.group(2) + "?i=" + track.group(1) + "&" + AppService.APPLE_MUSIC.player().embedParams()));
            case SOUNDCLOUD -> Optional.of(host).filter(Set.of("soundcloud.com", "www.soundcloud.com", "m.soundcloud.com")::contains)
                    .flatMap(h -> match(SOUNDCLOUD, path))
                    .map(m -> AppService.SOUNDCLOUD.player().embedBaseUrl() + "?url="
                            + URLEncoder.encode("https://soundcloud.com" + path, StandardCharsets.UTF_8) + "&" + AppService.SOUNDCLOUD.player().embedParams());
            case YOUTUBE -> youtubeId(host, path, query).map(id -> AppService.YOUTUBE.player().embedBaseUrl() + id + "?"
                    + AppService.YOUTUBE.player().embedParams());
        };
    }

    private static Optional<String> youtubeId(String host, String path, String query) {
        if (host.equals("youtu.be")) {
            return match(YOUTUBE_SHORT, path).map(m -> m.group(1));
        }
        if (Set.of("www.youtube.com", "youtube.com", "m.youtube.com").contains(host) && "/watch".equals(path)) {
            return find(YOUTUBE_WATCH, query).map(m -> m.group(1));
        }
        return Optional.empty();
    }

    /** An absolute https address on the default port, without user information. */
    private static Optional<URI> https(String url) {
        if (url == null || url.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url);
            boolean plain = "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && uri.getRawUserInfo() == null
                    && (uri.getPort() == -1 || uri.getPort() == 443) && uri.getRawPath() != null;
            return plain ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static Optional<Matcher> match(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.matches() ? Optional.of(matcher) : Optional.empty();
    }

    private static Optional<Matcher> find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Optional.of(matcher) : Optional.empty();
    }
}
