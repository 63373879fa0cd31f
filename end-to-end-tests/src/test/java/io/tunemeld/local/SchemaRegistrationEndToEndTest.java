package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunemeld.events.ReplayRequested;
import io.tunemeld.events.ViewsCounted;
import io.tunemeld.schemas.AvroSerdes;
import io.tunemeld.schemas.SchemaRegistration;
import io.tunemeld.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Schemas reach the registry only through the deploy step, under the compatibility rule it sets: a
 * producer whose schema was not deployed cannot write, and an incompatible schema is refused by the
 * registry with the subject named.
 */
class SchemaRegistrationEndToEndTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everySubjectIsRegisteredWithTheCompatibilityRuleAndRegisteringAgainChangesNothing() throws Exception {
        LocalStack stack = SharedStack.get();
        assertThat(SchemaRegistration.subjects()).containsKeys(Topics.ALL.stream().map(topic -> SchemaRegistration.subject(topic.name())).toArray(String[]::new))
                .containsKey(SchemaRegistration.subject(Topics.deadLetter(Topics.Names.RAW_PLAYLISTS)))
                .containsKey(SchemaRegistration.subject(Topics.replayRequests("cache-service").name()));
        for (String subject : SchemaRegistration.subjects().keySet()) {
            HttpResponse<String> rule = get(stack.registryUrl() + AvroSerdes.REGISTRY_API_PATH + "/groups/default/artifacts/" + subject
                    + "/rules/COMPATIBILITY");
            assertThat(rule.statusCode()).as(subject).isEqualTo(200);
            assertThat(rule.body()).as(subject).contains("\"" + SchemaRegistration.COMPATIBILITY + "\"");
        }
        Map<String, String> before = SchemaRegistration.register(stack.registryUrl());
        assertThat(SchemaRegistration.register(stack.registryUrl())).isEqualTo(before);
    }

    @Test
    void aProducerCannotWriteASchemaThatWasNotDeployed() throws Exception {
        LocalStack stack = SharedStack.get();
        String topic = "test.schema-guard";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all().get();
        }
        var replay = ReplayRequested.newBuilder().setEventId("e").setOccurredAt(Instant.now()).setService("s").build();
        var views = ViewsCounted.newBuilder().setEventId("v").setOccurredAt(Instant.now()).setIsrc("USX").setService("youtube")
                .setDate(LocalDate.now()).setCount(1).build();
        try (var producer = SharedStack.avroProducer()) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", replay)).get()).as("no subject deployed")
                    .hasStackTraceContaining(SchemaRegistration.subject(topic));
            assertThat(get(stack.registryUrl() + AvroSerdes.REGISTRY_API_PATH + "/groups/default/artifacts/"
                    + SchemaRegistration.subject(topic)).statusCode()).as("nothing was registered on the way").isEqualTo(404);

            SchemaRegistration.register(stack.registryUrl(), Map.of(SchemaRegistration.subject(topic), ReplayRequested.getClassSchema()));
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", views)).get()).as("another schema than deployed")
                    .hasStackTraceContaining(SchemaRegistration.subject(topic));
            assertThat(producer.send(new ProducerRecord<>(topic, "k", replay)).get().offset()).as("the deployed schema").isZero();
        }
    }

    @Test
    void theRegistryRefusesAnIncompatibleSchemaAndNamesTheSubject() {
        String url = SharedStack.get().registryUrl();
        String subject = "test.evolving-value";
        Schema first = record("{\"name\": \"a\", \"type\": \"string\"}");
        Schema withDefault = record("{\"name\": \"a\", \"type\": \"string\"}, {\"name\": \"b\", \"type\": \"int\", \"default\": 0}");
        Schema withRequired = record("{\"name\": \"a\", \"type\": \"string\"}, {\"name\": \"c\", \"type\": \"int\"}");

        assertThat(SchemaRegistration.register(url, Map.of(subject, first))).containsEntry(subject, "1");
        assertThat(SchemaRegistration.register(url, Map.of(subject, withDefault))).as("a field added with a default").containsEntry(subject, "2");
        assertThatThrownBy(() -> SchemaRegistration.register(url, Map.of(subject, withRequired)))
                .as("a field added without a default: new readers could not read what was written")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("refused the schema of " + subject);
        assertThat(SchemaRegistration.register(url, Map.of(subject, withDefault))).as("nothing was added").containsEntry(subject, "2");
    }

    private static Schema record(String fields) {
        return new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"Evolving\", \"namespace\": \"test\", \"fields\": [" + fields + "]}");
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
