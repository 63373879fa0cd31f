package io.tunemeld.ingest.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SpotifyHistoryPropertiesTest {

    private static SpotifyHistoryProperties of(String tokens) {
        return new SpotifyHistoryProperties(tokens, "-", "-", Duration.ofDays(7), 20);
    }

    @Test
    void listenersAreUserEqualsTokenPairs() {
        assertThat(of("alice=AQD-token-1, bob_2 = AQC=token=2").listeners()).extracting(SpotifyHistoryProperties.Listener::user,
                SpotifyHistoryProperties.Listener::refreshToken).containsExactly(
                org.assertj.core.groups.Tuple.tuple("alice", "AQD-token-1"), org.assertj.core.groups.Tuple.tuple("bob_2", "AQC=token=2"));
        assertThat(of("").listeners()).isEmpty();
        assertThat(of(null).listeners()).isEmpty();
    }

    @Test
    void aMalformedEntryIsNamedWithoutItsToken() {
        assertThatThrownBy(() -> of("alice=ok-token,Bob=secret-token").listeners()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SPOTIFY_LISTENER_TOKENS").hasMessageNotContaining("secret-token");
        assertThatThrownBy(() -> of("just-a-token-without-user").listeners()).hasMessageNotContaining("just-a-token");
        assertThat(of("alice=ok-token").toString()).doesNotContain("ok-token").contains("alice");
    }
}
