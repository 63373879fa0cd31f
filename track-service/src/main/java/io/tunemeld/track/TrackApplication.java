package io.tunemeld.track;

import io.tunemeld.platform.http.ApiCredentials;
import io.tunemeld.platform.http.ApiInstrumentation;
import io.tunemeld.platform.http.ConditionalOnApiCredentials;
import io.tunemeld.platform.kafka.TopicDeclarations;
import io.tunemeld.platform.kafka.TuneMeldKafkaProperties;
import io.tunemeld.platform.spotify.SpotifyClient;
import io.tunemeld.platform.spotify.SpotifyProperties;
import io.tunemeld.schemas.Topics;
import io.tunemeld.track.albums.AlbumOfTheYearClient;
import io.tunemeld.track.albums.AlbumOfTheYearProperties;
import io.tunemeld.track.enrichment.EnrichmentProperties;
import io.tunemeld.track.lookup.UrlLookup;
import io.tunemeld.track.soundcloud.SoundCloudProperties;
import io.tunemeld.track.soundcloud.SoundCloudSearch;
import io.tunemeld.track.youtube.YoutubeClient;
import io.tunemeld.track.youtube.YoutubeProperties;
import io.tunemeld.track.youtube.YoutubeSearch;
import io.tunemeld.track.youtube.YoutubeViewCountSource;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * One canonical track per key, with every service's URL, their view counts and their enrichment; publishes
 * TrackCanonicalized, ViewsCounted, TrackEnriched and the cascade's own EnrichmentRequested.
 */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties({YoutubeProperties.class, SoundCloudProperties.class, SpotifyProperties.class,
        EnrichmentProperties.class, AlbumOfTheYearProperties.class})
public class TrackApplication {

    private static final Logger log = LoggerFactory.getLogger(TrackApplication.class);

    public static final String NAME = "track-service";

    /** Each service reads its own {@code <name>.yml}, so all five can share one classpath in the local stack. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(TrackApplication.class).properties("spring.config.name=" + NAME);
    }

    public static void main(String[] args) {
        application().run(args);
    }

    /**
     * The YouTube Data API when an API key is set; without one tracks keep the URLs the services gave and
     * have no YouTube view counts.
     */
    @Bean
    @ConditionalOnApiCredentials(YoutubeProperties.class)
    YoutubeClient youtubeClient(YoutubeProperties youtube, ApiInstrumentation instrumentation) {
        return new YoutubeClient(youtube, instrumentation);
    }

    @Bean
    @ConditionalOnApiCredentials(YoutubeProperties.class)
    UrlLookup youtubeLookup(YoutubeClient client, YoutubeProperties youtube, JdbcClient jdbc, Clock clock) {
        return new UrlLookup(new YoutubeSearch(client), jdbc, clock, youtube.dailyBudget());
    }

    /** SoundCloud pages of tracks SoundCloud's playlists did not carry, when the RapidAPI key is set. */
    @Bean
    @ConditionalOnApiCredentials(SoundCloudProperties.class)
    UrlLookup soundcloudLookup(SoundCloudProperties soundcloud, JdbcClient jdbc, Clock clock, ApiInstrumentation instrumentation) {
        return new UrlLookup(new SoundCloudSearch(soundcloud, instrumentation), jdbc, clock, soundcloud.dailyBudget());
    }

    @Bean
    YoutubeViewCountSource youtubeViewCounts(Optional<YoutubeClient> client) {
        return new YoutubeViewCountSource(client);
    }

    /** The Spotify Web API for the enrichment cascade's metadata steps when its credentials are set; they are off otherwise. */
    @Bean
    @ConditionalOnApiCredentials(SpotifyProperties.class)
    SpotifyClient spotifyClient(SpotifyProperties spotify, Clock clock, ApiInstrumentation instrumentation) {
        return new SpotifyClient(spotify, clock, instrumentation);
    }

    /** Says when the service starts what is off for want of credentials. */
    @Bean
    ApplicationRunner offForWantOfCredentials(YoutubeProperties youtube, SoundCloudProperties soundcloud, SpotifyProperties spotify) {
        return arguments -> {
            Map<String, ApiCredentials> features = new LinkedHashMap<>();
            features.put("YouTube look-ups and view counts", youtube);
            features.put("SoundCloud look-ups", soundcloud);
            features.put("Track and artist metadata", spotify);
            features.forEach((feature, credentials) -> {
                if (!credentials.configured()) {
                    log.info("{} off: {}", feature, credentials.missing());
                }
            });
        };
    }

    /** albumoftheyear.org's pages, read only by the album-ratings step, which no genre runs unless configured to. */
    @Bean
    AlbumOfTheYearClient albumOfTheYearClient(AlbumOfTheYearProperties properties, ApiInstrumentation instrumentation) {
        return new AlbumOfTheYearClient(properties, instrumentation);
    }

    @Bean
    KafkaAdmin.NewTopics trackTopics(TuneMeldKafkaProperties properties) {
        return TopicDeclarations.of(properties, List.of(Topics.TRACKS, Topics.VIEW_COUNTS, Topics.ENRICHMENT_REQUESTS, Topics.ENRICHMENTS, Topics.TRACK_RUNS),
                List.of(Topics.SERVICE_TRACKS, Topics.ENRICHMENT_REQUESTS));
    }
}
