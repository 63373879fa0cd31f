package io.tunemeld.track.enrichment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunemeld.schemas.MusicService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnrichmentPropertiesTest {

    private static final EnrichmentProperties.Settings DEFAULTS = new EnrichmentProperties.Settings(true, true, true,
            List.of("youtube"), Duration.ZERO, Duration.ofHours(1), false);

    private static EnrichmentProperties properties(Map<String, EnrichmentProperties.Settings> genres) {
        return new EnrichmentProperties(Duration.ofDays(30), Duration.ofDays(7), Duration.ofHours(1), Duration.ofMinutes(15), 100,
                DEFAULTS, genres);
    }

    @Test
    void aGenreWithoutSettingsOfItsOwnGetsTheDefaults() {
        var policy = properties(Map.of()).policy(Set.of("pop"));

        assertThat(policy).isEqualTo(new EnrichmentProperties.Policy(true, true, List.of(MusicService.YOUTUBE), Duration.ZERO,
                Duration.ofHours(1), false));
        assertThat(properties(Map.of()).policy(Set.of())).isEqualTo(policy);
    }

    @Test
    void aGenresOwnSettingOverridesTheDefaultOneByOne() {
        var properties = properties(Map.of("pop", new EnrichmentProperties.Settings(null, false, false, null, Duration.ofMinutes(5), null,
                true)));

        assertThat(properties.policy(Set.of("pop"))).isEqualTo(new EnrichmentProperties.Policy(true, false, List.of(),
                Duration.ofMinutes(5), Duration.ZERO, true));
        assertThat(properties.policy(Set.of("rock")).albumRatings()).as("off by default").isFalse();
    }

    @Test
    void aTrackInSeveralGenresGetsEveryStepOneOfThemWantsAsSoonAsTheFirstWantsIt() {
        var properties = properties(Map.of(
                "pop", new EnrichmentProperties.Settings(false, false, true, List.of("youtube"), null, Duration.ofDays(1), null),
                "house", new EnrichmentProperties.Settings(true, false, true, List.of("soundcloud", "youtube"), Duration.ofHours(2),
                        Duration.ofHours(3), true)));

        var policy = properties.policy(Set.of("pop", "house"));

        assertThat(policy.trackMetadata()).isTrue();
        assertThat(policy.artistMetadata()).isFalse();
        assertThat(policy.audiencePlatforms()).containsExactlyInAnyOrder(MusicService.YOUTUBE, MusicService.SOUNDCLOUD);
        assertThat(policy.metadataDelay()).isEqualTo(Duration.ofHours(2));
        assertThat(policy.audienceDelay()).isEqualTo(Duration.ofHours(3));
        assertThat(policy.albumRatings()).isTrue();
    }

    @Test
    void anUnknownPlatformStopsTheStartWithAClearError() {
        assertThatThrownBy(() -> properties(Map.of("pop", new EnrichmentProperties.Settings(null, null, null, List.of("myspace"), null, null, null))))
                .hasMessageContaining("unknown audience platform 'myspace'");
    }
}
