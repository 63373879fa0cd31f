package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.local.cli.TuneMeldCli;
import io.tunemeld.schemas.Topics;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code status}, {@code lag} and {@code dlt} with {@code --json}: one JSON document a script can read, against the test stack. */
@ExtendWith(OutputCaptureExtension.class)
class CliJsonEndToEndTest {

    @Test
    void statusGivesTheRecentRunsAsTheIngestApiDoes(CapturedOutput output) throws Exception {
        SharedStack.samplesRun();
        LocalStack stack = SharedStack.get();

        assertThat(TuneMeldCli.commandLine().execute("status", "--json", "--limit", "1", "--ingest-url", stack.ingestUrl())).isZero();

        JsonNode runs = document(output);
        assertThat(runs.size()).isEqualTo(1);
        assertThat(runs.get(0).path("id").asString()).isNotBlank();
        assertThat(runs.get(0).path("playlists").isArray()).isTrue();
    }

    @Test
    void lagGivesEachGroupWithItsPartitions(CapturedOutput output) throws Exception {
        SharedStack.samplesRun();
        SharedStack.awaitCaughtUp();

        assertThat(TuneMeldCli.commandLine().execute("lag", "normalizer", "--json", "--bootstrap-servers",
                SharedStack.get().kafkaBootstrapServers())).isZero();

        JsonNode groups = document(output);
        assertThat(groups.size()).isEqualTo(1);
        assertThat(groups.get(0).path("group").asString()).as("the short name read as the service's group").isEqualTo("normalizer-service");
        assertThat(groups.get(0).path("records").asLong()).isZero();
        assertThat(groups.get(0).path("partitions").size()).isPositive();
        assertThat(groups.get(0).path("partitions").get(0).path("topic").asString()).isEqualTo(Topics.Names.RAW_PLAYLISTS);
    }

    @Test
    void dltGivesEachDeadLetterTopicWithItsLetters(CapturedOutput output) throws Exception {
        SharedStack.samplesRun();

        int code = TuneMeldCli.commandLine().execute("dlt", "--topic", Topics.Names.RAW_PLAYLISTS, "--json", "--bootstrap-servers",
                SharedStack.get().kafkaBootstrapServers());

        JsonNode topics = document(output);
        assertThat(topics.size()).isEqualTo(1);
        assertThat(topics.get(0).path("topic").asString()).isEqualTo(Topics.deadLetter(Topics.Names.RAW_PLAYLISTS));
        List<JsonNode> waiting = topics.get(0).path("letters").valueStream().filter(letter -> !letter.path("redriven").asBoolean()).toList();
        assertThat(code).as("exit 1 exactly while a letter waits").isEqualTo(waiting.isEmpty() ? 0 : 1);
    }

    /** The command's document: the one line of the output that is a JSON array (the rest is the stack's log). */
    private static JsonNode document(CapturedOutput output) {
        List<String> documents = output.getOut().lines().filter(line -> line.startsWith("[{") || line.equals("[]")).toList();
        assertThat(documents).as("JSON documents written").hasSize(1);
        return JsonMapper.shared().readTree(documents.get(0));
    }
}
