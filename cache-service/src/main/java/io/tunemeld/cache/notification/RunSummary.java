package io.tunemeld.cache.notification;

import io.tunemeld.events.RunFailure;
import io.tunemeld.events.RunFinished;
import io.tunemeld.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A run's result as a chat message: one line of counts, then what failed and why. */
final class RunSummary {

    /** Failures listed one a line; the rest are counted. */
    static final int MAX_FAILURES = 20;
    private static final int MAX_REASON = 300;

    private RunSummary() {
    }

    /** Ingest runs always (an operator expects the daily run's word); track-service's runs only when something failed. */
    static boolean worthNotifying(String topic, RunFinished run) {
        return topic.equals(Topics.INGEST_RUNS.name()) || !run.getFailures().isEmpty();
    }

    /** The service that ran it: the writer of its topic. */
    static String service(String topic) {
        return topic.equals(Topics.INGEST_RUNS.name()) ? "ingest-service" : "track-service";
    }

    /** Slack's mrkdwn text; what came from outside (reasons, names) is escaped, so it can neither format nor mention. */
    static String text(RunFinished run, String service) {
        Map<String, Integer> outcomes = new TreeMap<>(run.getOutcomes());
        String counts = outcomes.isEmpty() ? "nothing to do"
                : outcomes.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
        long seconds = Duration.between(run.getStartedAt(), run.getOccurredAt()).toSeconds();
        StringBuilder text = new StringBuilder()
                .append(run.getFailures().isEmpty() ? ":white_check_mark: " : ":warning: ")
                .append("TuneMeld ").append(escape(service)).append(": ").append(escape(run.getKind())).append(" run ")
                .append(escape(run.getRunId())).append(" (").append(escape(run.getTrigger())).append(") finished in ")
                .append(seconds).append(" s: ").append(escape(counts));
        List<RunFailure> failures = run.getFailures();
        failures.stream().limit(MAX_FAILURES).forEach(failure -> text.append("\n• ").append(escape(failure.getSubject())).append(": ")
                .append(escape(shortened(failure.getReason()))));
        if (failures.size() > MAX_FAILURES) {
            text.append("\n… and ").append(failures.size() - MAX_FAILURES).append(" more failures");
        }
        return text.toString();
    }

    /** The three characters Slack's mrkdwn gives meaning to (links, mentions such as {@code <!channel>}). */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String shortened(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "…";
    }
}
