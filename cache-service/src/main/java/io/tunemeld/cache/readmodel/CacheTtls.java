package io.tunemeld.cache.readmodel;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How long each kind of document may stay in Redis; the next event rewrites it anyway. */
@ConfigurationProperties("tunemeld.cache.ttl")
public record CacheTtls(@DefaultValue("7d") Duration aggregate, @DefaultValue("7d") Duration playlist,
        @DefaultValue("30d") Duration track, @DefaultValue("2d") Duration views) {
}
