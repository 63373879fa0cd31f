package io.tunemeld.platform.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * A bean that exists only when an external API's credentials are set, so that what needs the API is
 * absent (an empty {@code Optional} or {@code ObjectProvider} where injected) rather than a null bean.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnApiCredentialsCondition.class)
public @interface ConditionalOnApiCredentials {

    /** The API's settings: a {@code @ConfigurationProperties} record, bound as the service binds it. */
    Class<? extends ApiCredentials> value();
}
