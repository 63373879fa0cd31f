package io.tunemeld.track.soundcloud;

import io.tunemeld.platform.http.ApiInstrumentation;
import io.tunemeld.matching.Isrc;
import io.tunemeld.matching.TrackNormalizer;
import io.tunemeld.platform.http.ApiException;
import io.tunemeld.platform.http.JsonApiClient;
import io.tunemeld.schemas.MusicService;
import io.tunemeld.track.lookup.QuotaExceededException;
import io.tunemeld.track.lookup.UrlSearch;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/**
 * Searches SoundCloud ({@code /v1/search/tracks} of the RapidAPI scraper, the same track objects as its
 * playlists) and takes a result only when it is this track: the same ISRC, or, when the upload states
 * none, the same normalised title with the same artists (a stated artist, else a reading of an
 * "Artist - Title" upload title). SoundCloud is full of covers, remixes and re-uploads under the same
 * words; the first result is often one of them.
 */
public class SoundCloudSearch implements UrlSearch {

    static final int RESULTS = 10;

    private final JsonApiClient client;
    private final Map<String, String> headers;
    private final double minConfidence;

    public SoundCloudSearch(SoundCloudProperties properties, ApiInstrumentation instrumentation) {
        this.client = properties.client(instrumentation);
        this.headers = Map.of("X-RapidAPI-Key", properties.rapidapiKey(), "X-RapidAPI-Host", properties.apiHost());
        this.minConfidence = properties.minConfidence();
    }

    @Override
    public MusicService service() {
        return MusicService.SOUNDCLOUD;
    }

    @Override
    public Optional<String> find(TrackQuery track) {
        JsonNode answer;
        try {
            answer = client.get("search", "/v1/search/tracks?term={term}&limit={limit}", headers, track.text(), RESULTS);
        } catch (ApiException e) {
            // RapidAPI answers 429 once the plan's quota is used, after the client waited out what it could
            if (e.status() == 429) {
                throw new QuotaExceededException(e.getMessage());
            }
            throw e;
        }
        TrackNormalizer.Title title = TrackNormalizer.title(track.title());
        Set<String> artists = TrackNormalizer.allArtists(List.of(track.artist()), title);
        record Candidate(String url, double confidence) {
        }
        return StreamSupport.stream(answer.path("tracks").path("items").spliterator(), false)
                .filter(item -> item.path("permalink").asString("").startsWith("https://"))
                .map(item -> new Candidate(item.path("permalink").asString(), confidence(item, track.isrc(), title, artists)))
                .filter(candidate -> candidate.confidence() >= minConfidence)
                // the surest; max keeps the first of equals, so SoundCloud's order decides ties
                .max(Comparator.comparingDouble(Candidate::confidence))
                .map(Candidate::url);
    }

    private static double confidence(JsonNode item, String isrc, TrackNormalizer.Title title, Set<String> artists) {
        JsonNode publisher = item.path("publisher");
        Optional<String> itemIsrc = Isrc.parse(publisher.path("isrc").asString(null));
        if (itemIsrc.isPresent()) {
            // an ISRC says which recording it is: this one, or another (a remix, a live take)
            return itemIsrc.get().equals(isrc) ? 1.0 : 0;
        }
        String itemTitle = item.path("title").asString("");
        String artist = publisher.path("artist").asString("");
        if (!artist.isBlank()) {
            return similarity(title, artists, itemTitle, artist, 1.0);
        }
        return TrackNormalizer.uploadTitleReadings(itemTitle).stream()
                .mapToDouble(reading -> similarity(title, artists, reading.title(), reading.artist(),
                        TrackNormalizer.UPLOAD_TITLE_FACTOR))
                .max().orElse(0);
    }

    private static double similarity(TrackNormalizer.Title title, Set<String> artists, String otherTitle, String otherArtist,
            double factor) {
        TrackNormalizer.Title other = TrackNormalizer.title(otherTitle);
        if (!other.key().equals(title.key())) {
            return 0;
        }
        return factor * TrackNormalizer.artistSimilarity(artists, TrackNormalizer.allArtists(List.of(otherArtist), other));
    }
}
