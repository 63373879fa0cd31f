package io.tunemeld.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver (protobuf, as the services' exporter sends it) that keeps what it receives,
 * for the tests to read traces as a collector would see them.
 */
final class TraceCollector implements AutoCloseable {

    /**
     * A span as received: which service sent it, and how it hangs in its trace.
     *
     * @param texts what else it says: its status message and its events' attributes (an error's message, stack trace)
     */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
            List<String> linkedTraces, Map<String, String> attributes, List<String> texts) {
    }

    /** Enough for a test JVM's pipeline; beyond it spans are dropped rather than the heap filled. */
    private static final int MAX_SPANS = 500_000;

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new ArrayList<>();

    private TraceCollector(HttpServer server) {
        this.server = server;
    }

    static TraceCollector start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        TraceCollector collector = new TraceCollector(server);
        server.createContext("/v1/traces", collector::receive);
        server.start();
        return collector;
    }

    /** The address the services' OTLP exporter sends to. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    synchronized List<ReceivedSpan> spans(Predicate<ReceivedSpan> which) {
        return spans.stream().filter(which).toList();
    }

    /** Every span of a trace, in the order received. */
    List<ReceivedSpan> trace(String traceId) {
        return spans(span -> span.traceId().equals(traceId));
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            InputStream body = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(body);
            }
            keep(ExportTraceServiceRequest.parseFrom(body));
            byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
            exchange.getResponseBody().write(response);
        }
    }

    private synchronized void keep(ExportTraceServiceRequest request) {
        HexFormat hex = HexFormat.of();
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = attributes(resource.getResource().getAttributesList()).getOrDefault("service.name", "");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (var span : scope.getSpansList()) {
                    if (spans.size() < MAX_SPANS) {
                        spans.add(new ReceivedSpan(service, hex.formatHex(span.getTraceId().toByteArray()),
                                hex.formatHex(span.getSpanId().toByteArray()), hex.formatHex(span.getParentSpanId().toByteArray()),
                                span.getName(), span.getLinksList().stream().map(link -> hex.formatHex(link.getTraceId().toByteArray())).toList(),
                                attributes(span.getAttributesList()), texts(span)));
                    }
                }
            }
        }
    }

    private static List<String> texts(io.opentelemetry.proto.trace.v1.Span span) {
        List<String> texts = new ArrayList<>();
        texts.add(span.getStatus().getMessage());
        span.getEventsList().forEach(event -> texts.addAll(attributes(event.getAttributesList()).values()));
        return texts;
    }

    private static Map<String, String> attributes(List<KeyValue> attributes) {
        return attributes.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> {
            var value = kv.getValue();
            return value.hasStringValue() ? value.getStringValue() : value.hasIntValue() ? String.valueOf(value.getIntValue())
                    : value.toString().trim();
        }, (a, b) -> b));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
