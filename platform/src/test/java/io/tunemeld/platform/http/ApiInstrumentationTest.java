package io.tunemeld.platform.http;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every call of an API client is observed (a span in the trace), and what is recorded of it carries no key. */
class ApiInstrumentationTest {

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final List<Observation.Context> observed = new ArrayList<>();

    @Test
    void aCallIsObservedAndItsUrlIsRecordedWithoutTheQueryThatCarriesTheKey() {
        api.stubFor(get(urlPathEqualTo("/v3/search")).willReturn(okJson("{}")));
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public void onStop(Observation.Context context) {
                observed.add(context);
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
        var instrumentation = new ApiInstrumentation(new SimpleMeterRegistry(), observations);

        instrumentation.restClient(api.baseUrl(), Duration.ofSeconds(5)).get()
                .uri("/v3/search?q={q}&key={key}", "a song", "secret-api-key").retrieve().body(String.class);

        assertThat(observed).hasSize(1);
        List<KeyValue> recorded = new ArrayList<>();
        observed.get(0).getLowCardinalityKeyValues().forEach(recorded::add);
        observed.get(0).getHighCardinalityKeyValues().forEach(recorded::add);
        assertThat(recorded).extracting(KeyValue::getValue).noneMatch(value -> value.contains("secret-api-key"));
        assertThat(recorded).contains(KeyValue.of("http.url", api.baseUrl() + "/v3/search"));
    }
}
