package io.tunemeld.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A service's metrics as Prometheus scrapes them, and the figures of the series a test names. */
record PrometheusScrape(String text) {

    static final List<String> SERVICES = List.of("ingest-service", "normalizer-service", "track-service", "aggregate-service",
            "cache-service");
    /** The metric names a rule or a panel reads: ours, Spring Kafka's, GraphQL's, the JVM's and the process's. */
    private static final Pattern METRIC = Pattern.compile("\\b(?:tunemeld|spring_kafka|graphql|jvm|process)_[a-z_]+");

    static PrometheusScrape of(LocalStack stack, String service) throws Exception {
        return new PrometheusScrape(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                stack.serviceUrl(service) + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** The metric names every service together exports (after the lag and dead-letter figures' first refresh). */
    static Set<String> exported(LocalStack stack) throws Exception {
        Set<String> names = new TreeSet<>();
        for (String service : SERVICES) {
            of(stack, service).text().lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("[{ ]", 2)[0]).forEach(names::add);
        }
        return names;
    }

    /** The metric names a PromQL expression reads. */
    static Set<String> metricsIn(String expression) {
        Set<String> names = new TreeSet<>();
        Matcher metric = METRIC.matcher(expression);
        while (metric.find()) {
            names.add(metric.group());
        }
        return names;
    }

    /** The sum of the series whose line starts with the name and labels given (as the scrape writes them, labels sorted). */
    double sum(String series) {
        return text.lines().filter(line -> line.startsWith(series))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
