package io.tunemeld.track.albums;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.tunemeld.matching.TrackNormalizer;
import io.tunemeld.platform.http.ApiException;
import io.tunemeld.platform.http.ApiInstrumentation;
import io.tunemeld.platform.http.ExternalCalls;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * An album's critic and user scores and genres from albumoftheyear.org: its search for "artist - album",
 * the first result by that artist with that title (an edition's "(Deluxe)" aside), then that album's
 * page. Requests go out one at a time, evenly spaced, never more than the configured number a minute;
 * a page larger than a real one is refused unread.
 */
public class AlbumOfTheYearClient {

    static final String API = "albumoftheyear.org";
    static final int MAX_PAGE_BYTES = 4 * 1024 * 1024;
    private static final Pattern EDITION = Pattern.compile(
            "(?i)\\s*[(\\[][^)\\]]*\\b(?:deluxe|expanded|special|anniversary|bonus|extended|edition)\\b[^)\\]]*[)\\]]");

    private final String site;
    private final RestClient http;
    private final RateLimiter limiter;
    private final ExternalCalls calls;

    public AlbumOfTheYearClient(AlbumOfTheYearProperties properties, ApiInstrumentation instrumentation) {
        this.site = properties.url().replaceAll("/+$", "");
        this.http = instrumentation.restClient(site, properties.timeout());
        this.calls = instrumentation.calls(API);
        this.limiter = RateLimiter.of(API, RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(slice(properties.requestsPerMinute()))
                .timeoutDuration(Duration.ofMinutes(10))
                .build());
    }

    /**
     * One permit per slice, evenly spaced where a minute's permits at once would come in bursts; a slice a
     * little longer than a minute's share, so that no sixty seconds hold more than the allowed requests.
     */
    static Duration slice(int requestsPerMinute) {
        return Duration.ofMillis(60_000 / requestsPerMinute + 1);
    }

    /** The album's rating; empty when the site does not list it, or lists no score for it. */
    public Optional<AlbumRating> rating(String artist, String album) {
        String results = page("search", () -> http.get().uri("/search/albums/?q={q}", artist + " - " + album));
        Optional<AlbumPages.Hit> hit = AlbumPages.searchResults(results, site).stream().filter(found -> same(found, artist, album)).findFirst();
        if (hit.isEmpty()) {
            return Optional.empty();
        }
        String url = hit.get().url();
        return AlbumPages.rating(page("album page", () -> http.get().uri(url)), url);
    }

    static boolean same(AlbumPages.Hit hit, String artist, String album) {
        return Objects.equals(TrackNormalizer.primaryArtist(List.of(hit.artist())), TrackNormalizer.primaryArtist(List.of(artist)))
                && title(hit.title()).equals(title(album));
    }

    private static String title(String album) {
        return TrackNormalizer.title(EDITION.matcher(album).replaceAll(" ")).key();
    }

    private record Answer(int status, byte[] body) {
    }

    private String page(String what, Supplier<RestClient.RequestHeadersSpec<?>> request) {
        RateLimiter.waitForPermission(limiter);
        try {
            Answer answer;
            try {
                answer = request.get().header(HttpHeaders.ACCEPT, "text/html").exchange((req, response) ->
                        new Answer(response.getStatusCode().value(), response.getBody().readNBytes(MAX_PAGE_BYTES + 1)));
            } catch (RestClientException e) {
                throw new ApiException(API + " unreachable for " + what + ": " + e.getMessage(), true, 0, e);
            }
            if (answer.status() != 200) {
                throw new ApiException(API + " " + what + " answered " + answer.status(), answer.status() == 429 || answer.status() >= 500,
                        answer.status());
            }
            if (answer.body().length > MAX_PAGE_BYTES) {
                throw new ApiException(API + " " + what + " is larger than " + MAX_PAGE_BYTES / 1024 / 1024 + " MB: not read", false, 200);
            }
            calls.record(ExternalCalls.Outcome.OK);
            return new String(answer.body(), StandardCharsets.UTF_8);
        } catch (ApiException e) {
            calls.record(ExternalCalls.Outcome.of(e));
            throw e;
        }
    }
}
