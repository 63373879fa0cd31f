package io.tunemeld.platform.http;

import java.util.Map;
import java.util.Objects;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Binds the settings the annotation names from the environment and asks them whether they are configured. */
class OnApiCredentialsCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = Objects.requireNonNull(metadata.getAnnotationAttributes(ConditionalOnApiCredentials.class.getName()));
        @SuppressWarnings("unchecked")
        Class<? extends ApiCredentials> type = (Class<? extends ApiCredentials>) attributes.get("value");
        ConfigurationProperties bound = AnnotatedElementUtils.findMergedAnnotation(type, ConfigurationProperties.class);
        if (bound == null) {
            throw new IllegalStateException(type.getName() + " is no @ConfigurationProperties type");
        }
        ApiCredentials credentials = Binder.get(context.getEnvironment()).bindOrCreate(bound.prefix(), type);
        return credentials.configured() ? ConditionOutcome.match(type.getSimpleName() + ": credentials set")
                : ConditionOutcome.noMatch(type.getSimpleName() + ": " + credentials.missing());
    }
}
