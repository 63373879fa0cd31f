package io.tunemeld.platform.kafka;

import io.tunemeld.events.ReplayRequested;
import io.tunemeld.schemas.EventIds;
import io.tunemeld.schemas.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code POST /actuator/replay} ({@code {"from": "earliest" | ISO-8601, "topics": "a,b"}}): asks every
 * replica of this service to reprocess its input, by publishing the request to the service's own
 * control topic. Like every state-changing request, it needs the admin token.
 */
@Endpoint(id = "replay")
public class ReplayEndpoint {

    private final EventSender sender;
    private final String service;
    private final Clock clock;

    public ReplayEndpoint(EventSender sender, String service, Clock clock) {
        this.sender = sender;
        this.service = service;
        this.clock = clock;
    }

    @WriteOperation
    public Map<String, Object> replay(String from, @Nullable String topics) {
        Instant since;
        try {
            since = "earliest".equalsIgnoreCase(from) ? null : Instant.parse(from);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("from must be 'earliest' or an ISO-8601 time, not '" + from + "'");
        }
        Instant now = clock.instant();
        // actuator request bodies carry strings: several topics are comma-separated
        List<String> only = topics == null || topics.isBlank() ? List.of()
                : Arrays.stream(topics.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
        String id = EventIds.of(service, now.toString(), String.valueOf(since), only.toString());
        sender.send(Topics.replayRequests(service), service, ReplayRequested.newBuilder()
                .setEventId(id).setOccurredAt(now).setService(service).setFrom(since).setTopics(only).build());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("requested", id);
        answer.put("service", service);
        answer.put("from", since == null ? "earliest" : since.toString());
        answer.put("topics", only.isEmpty() ? "all inputs" : only);
        return answer;
    }
}
