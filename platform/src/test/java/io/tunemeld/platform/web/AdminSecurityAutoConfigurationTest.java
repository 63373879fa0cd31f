package io.tunemeld.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
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
}
