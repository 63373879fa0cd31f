package io.tunemeld.platform.tracing;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** Every span exporter a service has (Boot's OTLP one, when an endpoint is set) exports URLs without their query. */
@AutoConfiguration
@ConditionalOnClass(SpanExporter.class)
public class TracingAutoConfiguration {

    @Bean
    static BeanPostProcessor queryStrippingSpanExporters() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof SpanExporter exporter && !(bean instanceof QueryStrippingSpanExporter)
                        ? new QueryStrippingSpanExporter(exporter) : bean;
            }
        };
    }
}
