package io.tunemeld.cache;

import io.tunemeld.cache.readmodel.CacheTtls;
import io.tunemeld.platform.kafka.TopicDeclarations;
import io.tunemeld.platform.kafka.TuneMeldKafkaProperties;
import io.tunemeld.schemas.Topics;
import java.util.List;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import io.lettuce.core.ClientOptions;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The read side: a read model warmed from events into Redis, served over GraphQL. */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(CacheTtls.class)
public class CacheApplication {

    public static final String NAME = "cache-service";

    /** Each service reads its own {@code <name>.yml}, so all five can share one classpath in the local stack. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(CacheApplication.class).properties("spring.config.name=" + NAME);
    }

    public static void main(String[] args) {
        application().run(args);
    }

    /**
     * While Redis is unreachable, commands fail at once instead of queueing for the reconnect until they
     * time out, so the API answers from PostgreSQL without waiting.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhileRedisIsDown() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    @Bean
    KafkaAdmin.NewTopics cacheTopics(TuneMeldKafkaProperties properties) {
        return TopicDeclarations.of(properties, List.of(),
                List.of(Topics.AGGREGATES, Topics.PLAYLIST_SNAPSHOTS, Topics.TRACKS, Topics.VIEW_COUNTS, Topics.ENRICHMENTS,
                        Topics.INGEST_RUNS, Topics.TRACK_RUNS, Topics.SPOTIFY_USERS));
    }
}
