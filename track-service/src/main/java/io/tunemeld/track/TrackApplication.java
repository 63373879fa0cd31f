package io.tunemeld.track;

import io.tunemeld.platform.kafka.TopicDeclarations;
import io.tunemeld.platform.kafka.TuneMeldKafkaProperties;
import io.tunemeld.schemas.Topics;
import io.tunemeld.track.youtube.YoutubeClient;
import io.tunemeld.track.youtube.YoutubeLookup;
import io.tunemeld.track.youtube.YoutubeProperties;
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

/** One canonical track per key, with every service's URL; publishes TrackCanonicalized. */
@SpringBootApplication
@EnableConfigurationProperties(YoutubeProperties.class)
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
     * YouTube look-ups when an API key is set; without one (a null bean, seen as an empty Optional where
     * injected) tracks keep the URLs the services gave.
     */
    @Bean
    YoutubeLookup youtubeLookup(YoutubeProperties youtube, JdbcClient jdbc, Clock clock) {
        if (!youtube.configured()) {
            log.info("YouTube look-ups off: YOUTUBE_API_KEY is not set");
            return null;
        }
        return new YoutubeLookup(new YoutubeClient(youtube), jdbc, clock, youtube.dailyBudget());
    }

    @Bean
    KafkaAdmin.NewTopics trackTopics(TuneMeldKafkaProperties properties) {
        return TopicDeclarations.of(properties, List.of(Topics.TRACKS), List.of(Topics.SERVICE_TRACKS));
    }
}
