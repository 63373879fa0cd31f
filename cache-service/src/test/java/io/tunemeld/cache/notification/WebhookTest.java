package io.tunemeld.cache.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.tunemeld.platform.http.ApiInstrumentation;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The webhook gets the text as Slack expects it; a failure never says the URL, the webhook's secret. */
class WebhookTest {

    private static final String PATH = "/services/T0/B0/secret-path";

    @RegisterExtension
    static WireMockExtension chat = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void theTextIsPostedAsSlacksJson() {
        chat.stubFor(post(PATH).willReturn(ok("ok")));

        webhook(URI.create(chat.baseUrl() + PATH)).post("run <ok>");

        chat.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson("{\"text\": \"run <ok>\"}")));
    }

    @Test
    void aRefusalOrNoAnswerIsReportedWithoutTheUrl() throws Exception {
        chat.stubFor(post(PATH).willReturn(serverError().withBody("no such hook " + PATH)));
        assertThatThrownBy(() -> webhook(URI.create(chat.baseUrl() + PATH)).post("x"))
                .hasMessage("the webhook answered 500");

        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThatThrownBy(() -> webhook(URI.create("http://127.0.0.1:" + closed + PATH)).post("x"))
                .hasMessageStartingWith("the webhook could not be reached (").hasMessageNotContaining("secret-path");
    }

    private static Webhook webhook(URI url) {
        return new Webhook(url, Duration.ofSeconds(5), ApiInstrumentation.none());
    }
}
