package io.tunemeld.platform.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/** Guards the state-changing endpoints of every service with the admin token, when one is configured. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class AdminTokenAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AdminTokenAutoConfiguration.class);

    @Bean
    FilterRegistrationBean<AdminTokenFilter> adminTokenFilter(@Value("${tunemeld.admin-token:}") String token,
            @Value("${spring.application.name:service}") String service) {
        var registration = new FilterRegistrationBean<>(new AdminTokenFilter(token));
        if (token.isBlank()) {
            log.warn("{}: TUNEMELD_ADMIN_TOKEN is not set, so its state-changing endpoints are open", service);
            registration.setEnabled(false);
        }
        return registration;
    }
}
