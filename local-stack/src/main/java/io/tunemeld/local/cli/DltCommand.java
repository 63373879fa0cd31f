package io.tunemeld.local.cli;

import io.tunemeld.local.ops.DeadLetters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "dlt", mixinStandardHelpOptions = true,
        description = {"List the dead letters (records a service could not process, with the reason), or send them back",
                "to the topics they came from once the cause is fixed (--redrive; each record is re-driven once).",
                "Exit code 1 while a dead letter waits that was not re-driven."})
class DltCommand implements Callable<Integer> {

    @Option(names = "--topic", paramLabel = "T", description = "Only this topic's dead letters (the topic or its -dlt).")
    String topic;

    @Option(names = "--redrive", description = "Send the dead letters not yet re-driven back to their topics.")
    boolean redrive;

    @Option(names = "--json", description = "One JSON document instead of the list (for scripts): each dead-letter topic with its letters.")
    boolean json;

    @Option(names = "--bootstrap-servers", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "Kafka (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Override
    public Integer call() throws Exception {
        int waiting = 0;
        List<Map<String, Object>> documents = new ArrayList<>();
        try (var deadLetters = new DeadLetters(bootstrapServers)) {
            for (String dlt : deadLetters.topics(topic)) {
                if (redrive) {
                    int redriven = deadLetters.redrive(dlt);
                    documents.add(Map.of("topic", dlt, "redriven", redriven));
                    if (!json) {
                        System.out.printf("%s: %d re-driven%n", dlt, redriven);
                    }
                    continue;
                }
                var letters = deadLetters.list(dlt);
                documents.add(document(dlt, letters));
                if (!json) {
                    System.out.printf("%s: %d dead letters%n", dlt, letters.size());
                }
                for (var letter : letters) {
                    if (!json) {
                        System.out.printf("  %d@%d %s key=%s%s%n    %s%n", letter.offset(), letter.partition(), letter.at(), letter.key(),
                                letter.redriven() ? " (re-driven)" : "", letter.reason());
                    }
                    waiting += letter.redriven() ? 0 : 1;
                }
            }
        }
        if (json) {
            System.out.println(JsonMapper.shared().writeValueAsString(documents));
        }
        // a dead letter not re-driven yet is something for an operator to look at: scripts and monitors see it here
        return waiting > 0 ? 1 : 0;
    }

    /** A dead-letter topic as --json writes it: its letters with their reasons (not their bytes). */
    private static Map<String, Object> document(String topic, List<DeadLetters.DeadLetter> letters) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("topic", topic);
        document.put("letters", letters.stream().map(letter -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("partition", letter.partition());
            entry.put("offset", letter.offset());
            entry.put("key", letter.key());
            entry.put("at", letter.at().toString());
            entry.put("originalTopic", letter.originalTopic());
            entry.put("reason", letter.reason());
            entry.put("redriven", letter.redriven());
            return entry;
        }).toList());
        return document;
    }
}
