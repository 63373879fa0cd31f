package io.tunemeld.track.enrichment;

import io.tunemeld.schemas.MusicService;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The enrichment cascade: how long results stay fresh, when a failed step is tried again, and per genre
 * which steps run, after what delay, and which platforms' audience is read.
 *
 * @param metadataMaxAge a track's or artist's metadata older than this is fetched again
 * @param audienceMaxAge a track's audience figures older than this are read again
 * @param retryAfter a step that failed (an outage, a quota) is tried again after this
 * @param unansweredAfter a request not answered after this (lost in a crash) goes out again
 * @param pollBatch the most due steps requested per poll
 * @param defaults what every genre does unless it says otherwise
 * @param genres per genre, the settings that differ from the defaults
 */
@ConfigurationProperties("tunemeld.enrichment")
public record EnrichmentProperties(
        @DefaultValue("30d") Duration metadataMaxAge,
        @DefaultValue("7d") Duration audienceMaxAge,
        @DefaultValue("1h") Duration retryAfter,
        @DefaultValue("15m") Duration unansweredAfter,
        @DefaultValue("100") int pollBatch,
        @DefaultValue Settings defaults,
        Map<String, Settings> genres) {

    public EnrichmentProperties {
        genres = genres == null ? Map.of() : Map.copyOf(genres);
        // a misspelt platform stops the start, not the first track of that genre
        List.of(List.of(defaults), genres.values()).stream().flatMap(Collection::stream)
                .forEach(settings -> platforms(settings.audiencePlatforms()));
    }

    /**
     * One genre's settings; in a genre's own, a setting left out is the default's.
     *
     * @param audiencePlatforms whose audience figures are read, in priority order (slugs: youtube, ...)
     * @param metadataDelay how long after a track first appears its metadata is fetched
     * @param audienceDelay how long after the metadata the audience is read
     * @param albumRatings the album's scores on albumoftheyear.org, once the metadata named it (a public site read
     *     at a slow pace: off unless asked for)
     */
    public record Settings(Boolean trackMetadata, Boolean artistMetadata, Boolean audience, List<String> audiencePlatforms,
            Duration metadataDelay, Duration audienceDelay, Boolean albumRatings) {
    }

    /** What a subject seen in these genres gets: a step runs if one of its genres wants it, as soon as the first does. */
    public Policy policy(Collection<String> subjectGenres) {
        List<Settings> settings = (subjectGenres.isEmpty() ? List.of("") : subjectGenres).stream()
                .map(genre -> genres.getOrDefault(genre, defaults)).toList();
        Set<MusicService> platforms = new LinkedHashSet<>();
        settings.stream().filter(s -> setting(s, Settings::audience, false))
                .forEach(s -> platforms.addAll(platforms(setting(s, Settings::audiencePlatforms, List.of()))));
        return new Policy(
                settings.stream().anyMatch(s -> setting(s, Settings::trackMetadata, false)),
                settings.stream().anyMatch(s -> setting(s, Settings::artistMetadata, false)),
                List.copyOf(platforms),
                settings.stream().filter(s -> setting(s, Settings::trackMetadata, false))
                        .map(s -> setting(s, Settings::metadataDelay, Duration.ZERO)).min(Duration::compareTo).orElse(Duration.ZERO),
                settings.stream().filter(s -> setting(s, Settings::audience, false))
                        .map(s -> setting(s, Settings::audienceDelay, Duration.ZERO)).min(Duration::compareTo).orElse(Duration.ZERO),
                settings.stream().anyMatch(s -> setting(s, Settings::albumRatings, false)));
    }

    private static List<MusicService> platforms(List<String> slugs) {
        return slugs == null ? List.of() : slugs.stream().map(slug -> MusicService.find(slug).orElseThrow(() ->
                new IllegalArgumentException("tunemeld.enrichment: unknown audience platform '" + slug + "'"))).toList();
    }

    private <T> T setting(Settings genre, Function<Settings, T> field, T otherwise) {
        return Objects.requireNonNullElse(field.apply(genre), Objects.requireNonNullElse(field.apply(defaults), otherwise));
    }

    /**
     * The steps a subject gets.
     *
     * @param audiencePlatforms empty when no genre of the subject wants its audience
     */
    public record Policy(boolean trackMetadata, boolean artistMetadata, List<MusicService> audiencePlatforms,
            Duration metadataDelay, Duration audienceDelay, boolean albumRatings) {
    }
}
