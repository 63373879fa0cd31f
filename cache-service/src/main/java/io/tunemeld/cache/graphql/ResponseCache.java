package io.tunemeld.cache.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tunemeld.cache.readmodel.ReadModel;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a query asked again, with the same variables, while the read model has not changed since,
 * without executing it: the read model's version (in Redis, changed after every write by any replica)
 * is part of the key. An answer is kept from the second time its query is asked (whatever the version):
 * a query asked once is not worth weighing its answer and evicting others for. Without a version (Redis
 * down, or restarted empty) every query is executed, and a mutation always is.
 */
@Component
class ResponseCache implements WebGraphQlInterceptor {

    /** How many queries asked once are remembered, to keep their answers when asked again */
    private static final long ASKED_QUERIES = 100_000;

    private final ReadModel readModel;
    private final Clock clock;
    private final Cache<String, ExecutionResult> results;
    /** The queries asked before, by their hash (a collision only keeps an answer one ask early) */
    private final Cache<Integer, Boolean> asked;
    private final Counter reused;
    private final Counter executed;

    ResponseCache(ReadModel readModel, Clock clock, MeterRegistry meters, GraphqlLimits limits) {
        this.readModel = readModel;
        this.clock = clock;
        // bounded by what the answers weigh (their JSON), not by their number: one answer may be a page of 250 entries
        this.results = Caffeine.newBuilder().maximumWeight(limits.responseCacheSize().toBytes()).<String, ExecutionResult>weigher((key, result) ->
                key.length() + JsonMapper.shared().writeValueAsString(result.toSpecification()).length()).build();
        this.asked = Caffeine.newBuilder().maximumSize(ASKED_QUERIES).build();
        this.reused = counter(meters, "reused");
        this.executed = counter(meters, "executed");
    }

    private static Counter counter(MeterRegistry meters, String result) {
        return Counter.builder("tunemeld.graphql.responses").tag("result", result)
                .description("GraphQL responses reused for an unchanged read model, or executed").register(meters);
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Optional<String> version = readModel.version();
        // a mutation's document must say so; one that does is executed each time, whoever asks
        if (version.isEmpty() || request.getDocument().contains("mutation")) {
            executed.increment();
            return chain.next(request);
        }
        // the day too: view-count history is served for the last N days counted from today
        String key = String.join("\n", version.get(), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString(),
                String.valueOf(request.getOperationName()), String.valueOf(request.getVariables()), request.getDocument());
        ExecutionResult result = results.getIfPresent(key);
        if (result != null) {
            reused.increment();
            return Mono.just(new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result)));
        }
        executed.increment();
        if (asked.asMap().putIfAbsent(Objects.hash(request.getOperationName(), request.getVariables(), request.getDocument()),
                Boolean.TRUE) == null) {
            return chain.next(request);
        }
        return chain.next(request).doOnNext(response -> {
            // an error may be passing (Redis or PostgreSQL away): only clean answers are kept
            if (response.isValid() && response.getErrors().isEmpty()) {
                results.put(key, response.getExecutionResult());
            }
        });
    }
}
