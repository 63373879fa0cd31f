package io.tunemeld.local.cli;

import io.tunemeld.local.Durations;
import io.tunemeld.local.ops.PipelineProgress;
import io.tunemeld.platform.kafka.ConsumerLagReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "lag", mixinStandardHelpOptions = true,
        description = {"Consumer lag per group, topic and partition: committed and end offsets, records behind, the",
                "age of the oldest record not yet consumed, and the replica that owns the partition (client id@host).",
                "A stopped group shows growing lag, not 0."})
class LagCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "GROUP",
            description = "Only these consumer groups (default: all); a service's group by its short name too (track).")
    List<String> groups = List.of();

    @Option(names = "--max-lag", paramLabel = "N",
            description = "Exit with 1 when a group is more than N records behind (a check for scripts and monitors).")
    Long maxLag;

    @Option(names = "--json", description = "One JSON document instead of the table (for scripts): the groups with their partitions.")
    boolean json;

    @Option(names = "--bootstrap-servers", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "Kafka (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Override
    public Integer call() throws Exception {
        List<String> named = groups.stream().map(group -> ServiceNames.resolve(group, PipelineProgress.INPUTS.keySet()).orElse(group)).toList();
        List<String> behind = new ArrayList<>();
        try (var reader = new ConsumerLagReader(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), Clock.systemUTC())) {
            List<ConsumerLagReader.GroupLag> lags = reader.read(named);
            if (json) {
                System.out.println(JsonMapper.shared().writeValueAsString(lags.stream().map(LagCommand::document).toList()));
            }
            for (var group : lags) {
                if (!json) {
                    print(group);
                }
                if (maxLag != null && group.records() > maxLag) {
                    behind.add(group.group() + " (" + group.records() + ")");
                }
            }
        }
        if (!behind.isEmpty()) {
            System.err.println("more than " + maxLag + " records behind: " + String.join(", ", behind));
            return 1;
        }
        return 0;
    }

    private static void print(ConsumerLagReader.GroupLag group) {
        System.out.printf("%s (%s): %d records behind, oldest %s%n", group.group(), group.state(), group.records(), Durations.format(group.age()));
        System.out.printf("  %-32s %9s %10s %10s %10s %8s  %s%n", "TOPIC", "PARTITION", "COMMITTED", "END", "LAG", "LAG-S", "OWNER");
        for (var p : group.partitions()) {
            System.out.printf("  %-32s %9d %10s %10d %10d %8d  %s%n", p.topic(), p.partition(), p.committed() == null ? "-" : p.committed(),
                    p.end(), p.records(), p.age().toSeconds(), p.owner() == null ? "-" : p.owner());
        }
    }

    /** A group as --json writes it: the table's figures, ages in seconds. */
    private static Map<String, Object> document(ConsumerLagReader.GroupLag group) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("group", group.group());
        document.put("state", group.state());
        document.put("records", group.records());
        document.put("ageSeconds", group.age().toSeconds());
        document.put("partitions", group.partitions().stream().map(p -> {
            Map<String, Object> partition = new LinkedHashMap<>();
            partition.put("topic", p.topic());
            partition.put("partition", p.partition());
            partition.put("committed", p.committed());
            partition.put("end", p.end());
            partition.put("records", p.records());
            partition.put("ageSeconds", p.age().toSeconds());
            partition.put("owner", p.owner());
            return partition;
        }).toList());
        return document;
    }
}
