package io.tunemeld.platform.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** The services' external API clients count and trace their calls with the service's own registries. */
@AutoConfiguration
public class ApiInstrumentationAutoConfiguration {

    @Bean
    ApiInstrumentation apiInstrumentation(MeterRegistry meters, ObjectProvider<ObservationRegistry> observations) {
        return new ApiInstrumentation(meters, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }
}
