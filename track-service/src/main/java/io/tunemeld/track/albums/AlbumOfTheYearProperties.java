package io.tunemeld.track.albums;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * albumoftheyear.org, read for the album-ratings enrichment step (off unless a genre asks for it).
 *
 * @param url the site (or a stand-in); its album pages are only ever read on this host
 * @param requestsPerMinute at most 30: the pages are a public site's, not an API
 */
@ConfigurationProperties("tunemeld.album-of-the-year")
public record AlbumOfTheYearProperties(
        @DefaultValue("https://www.albumoftheyear.org") String url,
        @DefaultValue("30") int requestsPerMinute,
        @DefaultValue("20s") Duration timeout) {

    static final int MAX_REQUESTS_PER_MINUTE = 30;

    public AlbumOfTheYearProperties {
        URI site = URI.create(url);
        if (!("https".equals(site.getScheme()) || "http".equals(site.getScheme())) || site.getHost() == null || site.getUserInfo() != null) {
            throw new IllegalArgumentException("tunemeld.album-of-the-year.url must be an http(s) URL with a host and no user info: " + url);
        }
        if (requestsPerMinute < 1 || requestsPerMinute > MAX_REQUESTS_PER_MINUTE) {
            throw new IllegalArgumentException("tunemeld.album-of-the-year.requests-per-minute must be 1.." + MAX_REQUESTS_PER_MINUTE
                    + ", not " + requestsPerMinute);
        }
    }
}
