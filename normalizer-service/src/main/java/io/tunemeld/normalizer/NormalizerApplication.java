package io.tunemeld.normalizer;

import io.tunemeld.normalizer.identity.TrackResolver;
import io.tunemeld.platform.kafka.TopicDeclarations;
import io.tunemeld.platform.kafka.TuneMeldKafkaProperties;
import io.tunemeld.schemas.Topics;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/** Parses payloads, resolves every entry to a track key, publishes service tracks and snapshots. */
@SpringBootApplication
public class NormalizerApplication {

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
    TrackResolver trackResolver(@Value("${tunemeld.matching.min-confidence}") double minConfidence) {
        return new TrackResolver(minConfidence);
    }
}
