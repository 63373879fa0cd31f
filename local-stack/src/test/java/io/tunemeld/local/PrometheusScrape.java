package io.tunemeld.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A service's metrics as Prometheus scrapes them, and the figures of the series a test names. */
record PrometheusScrape(String text) {

    static PrometheusScrape of(LocalStack stack, String service) throws Exception {
        return new PrometheusScrape(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                stack.serviceUrl(service) + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** The sum of the series whose line starts with the name and labels given (as the scrape writes them, labels sorted). */
    double sum(String series) {
        return text.lines().filter(line -> line.startsWith(series))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
