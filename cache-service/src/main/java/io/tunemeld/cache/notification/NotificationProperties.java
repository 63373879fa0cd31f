package io.tunemeld.cache.notification;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where run results are posted: a Slack-compatible incoming webhook ({@code {"text": ...}}), or nothing.
 *
 * @param webhookUrl an absolute http(s) URL; blank for no notifications
 */
@ConfigurationProperties("tunemeld.notifications")
public record NotificationProperties(String webhookUrl, @DefaultValue("10s") Duration timeout) {

    public NotificationProperties {
        webhook(webhookUrl);
    }

    /** The webhook, when one is set; a value that is no absolute http(s) URL stops the service at start. */
    Optional<URI> webhook() {
        return webhook(webhookUrl);
    }

    private static Optional<URI> webhook(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("NOTIFY_WEBHOOK_URL is no URL: " + e.getMessage());
        }
        if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null
                || uri.getUserInfo() != null) {
            // the webhook's own secret is its path; credentials or another scheme are a mistake
            throw new IllegalArgumentException("NOTIFY_WEBHOOK_URL must be an http(s) URL with a host and no user info");
        }
        return Optional.of(uri);
    }
}
