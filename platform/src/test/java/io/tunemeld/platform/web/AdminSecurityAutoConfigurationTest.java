package io.tunemeld.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.Filter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.SecurityFilterChain;

class AdminSecurityAutoConfigurationTest {

    private final WebApplicationContextRunner service = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AdminSecurityAutoConfiguration.class))
            .withPropertyValues("spring.application.name=ingest-service",
                    "tunemeld.web.content-security-policy=default-src 'self'");

    @Test
    void aServiceWithoutAnAdminTokenRefusesToStartAndSaysWhy() {
        for (String blank : new String[] {"", "   "}) {
            service.withPropertyValues("tunemeld.admin-token=" + blank).run(context -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("ingest-service will not start without an admin token: set TUNEMELD_ADMIN_TOKEN");
            });
        }
        service.run(context -> assertThat(context).hasFailed());
    }

    @Test
    void withATokenTheBoundaryIsInPlace() {
        service.withPropertyValues("tunemeld.admin-token=s3cret").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(SecurityFilterChain.class);
        });
    }

    @Test
    void aRequestThroughTheChainMakesNoSecurityObservations() {
        List<String> observed = new CopyOnWriteArrayList<>();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStart(Observation.Context context) {
                observed.add(context.getName());
            }
        });
        service.withPropertyValues("tunemeld.admin-token=s3cret").withBean(ObservationRegistry.class, () -> observations).run(context -> {
            Filter chain = context.getBean("springSecurityFilterChain", Filter.class);
            MockHttpServletResponse refused = new MockHttpServletResponse();
            chain.doFilter(new MockHttpServletRequest("POST", "/api/runs"), refused, new MockFilterChain());
            assertThat(refused.getStatus()).as("the boundary still holds").isEqualTo(401);
            chain.doFilter(new MockHttpServletRequest("GET", "/api/genres"), new MockHttpServletResponse(), new MockFilterChain());
            assertThat(observed).noneMatch(name -> name.startsWith("spring.security"));
        });
    }
}
