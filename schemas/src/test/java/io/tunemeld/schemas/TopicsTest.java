package io.tunemeld.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void topicsAreNamedAfterTheirWriter() {
        assertThat(Topics.ALL).allMatch(t -> t.matches("(ingest|normalizer|track|aggregate)\\.[a-z-]+s"));
        assertThat(Topics.replayRequests("normalizer-service")).isEqualTo("normalizer.replay-requests");
        assertThat(Topics.deadLetter(Topics.RAW_PLAYLISTS)).isEqualTo("ingest.raw-playlists-dlt");
    }

    @Test
    void playlistKeysUseTheServiceSlug() {
        assertThat(Topics.playlistKey("dance", MusicService.APPLE_MUSIC)).isEqualTo("dance/apple_music");
        assertThat(MusicService.of("SoundCloud")).isEqualTo(MusicService.SOUNDCLOUD);
        assertThatThrownBy(() -> MusicService.of("tidal")).hasMessageContaining("tidal");
    }

    @Test
    void eventIdsAreDeterministicAndSeparateTheirParts() {
        assertThat(EventIds.of("a", "b")).isEqualTo(EventIds.of("a", "b")).hasSize(32);
        assertThat(EventIds.of("ab", "c")).isNotEqualTo(EventIds.of("a", "bc"));
    }
}
