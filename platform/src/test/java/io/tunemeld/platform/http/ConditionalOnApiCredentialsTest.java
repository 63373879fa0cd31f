package io.tunemeld.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.platform.spotify.SpotifyProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A bean needing an API exists exactly when the API's credentials are set, as the service binds them. */
class ConditionalOnApiCredentialsTest {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner().withUserConfiguration(NeedsSpotify.class);

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SpotifyProperties.class)
    static class NeedsSpotify {

        @Bean
        @ConditionalOnApiCredentials(SpotifyProperties.class)
        String spotifyFeature() {
            return "on";
        }
    }

    @Test
    void bothCredentialsSetTheBeanExists() {
        contexts.withPropertyValues("tunemeld.spotify.client-id=id", "tunemeld.spotify.client-secret=secret")
                .run(context -> assertThat(context).hasBean("spotifyFeature"));
    }

    @Test
    void noneOneOrBlankCredentialsItDoesNotAndTheReportSaysWhatIsMissing() {
        contexts.run(context -> {
            assertThat(context).doesNotHaveBean("spotifyFeature");
            assertThat(ConditionEvaluationReport.get(context.getBeanFactory()).getConditionAndOutcomesBySource().values())
                    .flatExtracting(outcomes -> outcomes.stream().map(outcome -> outcome.getOutcome().getMessage()).toList())
                    .contains("SpotifyProperties: SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET are not both set");
        });
        contexts.withPropertyValues("tunemeld.spotify.client-id=id").run(context -> assertThat(context).doesNotHaveBean("spotifyFeature"));
        contexts.withPropertyValues("tunemeld.spotify.client-id=id", "tunemeld.spotify.client-secret= ")
                .run(context -> assertThat(context).doesNotHaveBean("spotifyFeature"));
    }
}
