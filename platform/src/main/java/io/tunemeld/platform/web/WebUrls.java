package io.tunemeld.platform.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Addresses from outside (payloads, API answers) become links and images on our pages: only absolute
 * {@code https:} and {@code http:} URLs with a host are kept, so a {@code javascript:} or {@code data:}
 * address is data that never reaches an {@code href} or {@code src}.
 */
public final class WebUrls {

    private WebUrls() {
    }

    /** The URL when it is a web address, else null. */
    public static String webOrNull(String url) {
        if (url == null || url.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            return null;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null ? url : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
