package io.tunemeld.platform.kafka;

import io.tunemeld.schemas.Topic;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/** The topics a service creates at start-up: those it writes, and the dead-letter topics of those it reads. */
public final class TopicDeclarations {

    private TopicDeclarations() {
    }

    public static KafkaAdmin.NewTopics of(TuneMeldKafkaProperties properties, Collection<Topic<?>> writes,
            Collection<Topic<?>> reads) {
        List<NewTopic> topics = new ArrayList<>();
        writes.forEach(topic -> topics.add(topic(properties, topic.name())));
        reads.forEach(topic -> topics.add(topic(properties, topic.deadLetter().name())));
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    private static NewTopic topic(TuneMeldKafkaProperties properties, String name) {
        return TopicBuilder.name(name).partitions(properties.partitions()).replicas(properties.replicationFactor()).build();
    }
}
