package io.tunemeld.normalizer;

import io.tunemeld.platform.http.ApiInstrumentation;
import io.tunemeld.normalizer.identity.MatchingProperties;
import io.tunemeld.normalizer.identity.TrackResolver;
import io.tunemeld.normalizer.identity.TrackSearch;
import io.tunemeld.normalizer.spotify.CachedSpotifySearch;
import io.tunemeld.platform.spotify.SpotifyClient;
import io.tunemeld.platform.spotify.SpotifyProperties;
import io.tunemeld.platform.kafka.TopicDeclarations;
import io.tunemeld.platform.kafka.TuneMeldKafkaProperties;
import io.tunemeld.schemas.Topics;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;

/** Parses payloads, resolves every entry to a track key, publishes service tracks and snapshots. */
@SpringBootApplication
@EnableConfigurationProperties({SpotifyProperties.class, MatchingProperties.class})
public class NormalizerApplication {

    private static final Logger log = LoggerFactory.getLogger(NormalizerApplication.class);

    public static final String NAME = "normalizer-service";

    /** Each service reads its own {@code <name>.yml}, so all five can share one classpath in the local stack. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(NormalizerApplication.class).properties("spring.config.name=" + NAME);
    }

    public static void main(String[] args) {
        application().run(args);
    }

    @Bean
    KafkaAdmin.NewTopics normalizerTopics(TuneMeldKafkaProperties properties) {
        return TopicDeclarations.of(properties, List.of(Topics.SERVICE_TRACKS, Topics.PLAYLIST_SNAPSHOTS),
                List.of(Topics.RAW_PLAYLISTS));
    }

    @Bean
    TrackResolver trackResolver(MatchingProperties matching, TrackSearch search) {
        return new TrackResolver(matching.minConfidence(), search);
    }

    /** Spotify search when its credentials are set; otherwise resolution works offline (catalog, fallback). */
    @Bean
    TrackSearch trackSearch(SpotifyProperties spotify, JdbcClient jdbc, Clock clock, ApiInstrumentation instrumentation) {
        if (!spotify.configured()) {
            log.info("Spotify search off: {}", spotify.missing());
            return TrackSearch.NONE;
        }
        return new CachedSpotifySearch(new SpotifyClient(spotify, clock, instrumentation), jdbc, clock);
    }
}
