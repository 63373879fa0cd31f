package io.tunemeld.platform.spotify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpotifyUserIdsTest {

    @Test
    void spotifysOwnIdsPass() {
        assertThat(SpotifyUserIds.wellFormed("alice.spotify")).isTrue();
        assertThat(SpotifyUserIds.wellFormed("31l77y2al5lnn7mxfrmd4bpfhqke")).isTrue();
        assertThat(SpotifyUserIds.wellFormed("A_b-9")).isTrue();
        assertThat(SpotifyUserIds.wellFormed("x".repeat(64))).isTrue();
    }

    @Test
    void anIdThatWouldSmuggleAnotherUserOrBreakAUrlIsRefused() {
        assertThat(SpotifyUserIds.wellFormed("mallory,spotify:user:victim")).as("a second URI in a follow check").isFalse();
        assertThat(SpotifyUserIds.wellFormed("../me")).as("a path").isFalse();
        assertThat(SpotifyUserIds.wellFormed("a b")).isFalse();
        assertThat(SpotifyUserIds.wellFormed("alice?market=x")).isFalse();
        assertThat(SpotifyUserIds.wellFormed("ålice")).as("letters beyond ASCII").isFalse();
        assertThat(SpotifyUserIds.wellFormed("x".repeat(65))).isFalse();
        assertThat(SpotifyUserIds.wellFormed("")).isFalse();
        assertThat(SpotifyUserIds.wellFormed(null)).isFalse();
    }
}
