package io.tunemeld.ingest;

import io.tunemeld.platform.kafka.TopicDeclarations;
import io.tunemeld.platform.kafka.TuneMeldKafkaProperties;
import io.tunemeld.schemas.Topics;
import java.util.List;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/** Fetches playlists, keeps every raw payload, publishes {@code RawPlaylistFetched}. */
@SpringBootApplication
public class IngestApplication {

    public static final String NAME = "ingest-service";

    /** Each service reads its own {@code <name>.yml}, so all five can share one classpath in the local stack. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(IngestApplication.class).properties("spring.config.name=" + NAME);
    }

    public static void main(String[] args) {
        application().run(args);
    }

    @Bean
    KafkaAdmin.NewTopics ingestTopics(TuneMeldKafkaProperties properties) {
        return TopicDeclarations.of(properties, List.of(Topics.RAW_PLAYLISTS), List.of());
    }
}
