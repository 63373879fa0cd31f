package io.tunemeld.aggregate;

import io.tunemeld.aggregate.snapshot.AggregateProperties;
import io.tunemeld.platform.kafka.TopicDeclarations;
import io.tunemeld.platform.kafka.TuneMeldKafkaProperties;
import io.tunemeld.schemas.Topics;
import java.util.List;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/** Scores and ranks, per genre, the tracks the services agree on; publishes AggregateComputed. */
@SpringBootApplication
@EnableConfigurationProperties(AggregateProperties.class)
public class AggregateApplication {

    public static final String NAME = "aggregate-service";

    /** Each service reads its own {@code <name>.yml}, so all five can share one classpath in the local stack. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(AggregateApplication.class).properties("spring.config.name=" + NAME);
    }

    public static void main(String[] args) {
        application().run(args);
    }

    @Bean
    KafkaAdmin.NewTopics aggregateTopics(TuneMeldKafkaProperties properties) {
        return TopicDeclarations.of(properties, List.of(Topics.AGGREGATES), List.of(Topics.PLAYLIST_SNAPSHOTS, Topics.INGEST_RUNS));
    }
}
