package io.tunemeld.local;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "dlt", mixinStandardHelpOptions = true,
        description = {"List the dead letters (records a service could not process, with the reason), or send them back",
                "to the topics they came from once the cause is fixed (--redrive; each record is re-driven once).",
                "Exit code 1 while a dead letter waits that was not re-driven."})
class DltCommand implements Callable<Integer> {

    @Option(names = "--topic", paramLabel = "T", description = "Only this topic's dead letters (the topic or its -dlt).")
    String topic;

    @Option(names = "--redrive", description = "Send the dead letters not yet re-driven back to their topics.")
    boolean redrive;

    @Option(names = "--bootstrap-servers", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "Kafka (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Override
    public Integer call() throws Exception {
        int waiting = 0;
        try (var deadLetters = new DeadLetters(bootstrapServers)) {
            for (String dlt : deadLetters.topics(topic)) {
                if (redrive) {
                    System.out.printf("%s: %d re-driven%n", dlt, deadLetters.redrive(dlt));
                    continue;
                }
                var letters = deadLetters.list(dlt);
                System.out.printf("%s: %d dead letters%n", dlt, letters.size());
                for (var letter : letters) {
                    System.out.printf("  %d@%d %s key=%s%s%n    %s%n", letter.offset(), letter.partition(), letter.at(), letter.key(),
                            letter.redriven() ? " (re-driven)" : "", letter.reason());
                    waiting += letter.redriven() ? 0 : 1;
                }
            }
        }
        // a dead letter not re-driven yet is something for an operator to look at: scripts and monitors see it here
        return waiting > 0 ? 1 : 0;
    }
}
