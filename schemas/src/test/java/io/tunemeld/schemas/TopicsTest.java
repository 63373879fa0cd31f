package io.tunemeld.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunemeld.events.RawPlaylistFetched;
import io.tunemeld.events.RunFinished;
import io.tunemeld.events.SpotifyUserRead;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void topicsAreNamedAfterTheirWriter() {
        assertThat(Topics.ALL).allMatch(t -> t.name().matches("(ingest|normalizer|track|aggregate)\\.[a-z-]+s"));
        assertThat(Topics.replayRequests("normalizer-service").name()).isEqualTo("normalizer.replay-requests");
        assertThat(Topics.RAW_PLAYLISTS.deadLetter()).isEqualTo(new Topic<>("ingest.raw-playlists-dlt", RawPlaylistFetched.class));
    }

    @Test
    void everyNameForAnnotationsIsATopicsAndEveryTopicHasOne() throws IllegalAccessException {
        List<String> names = new ArrayList<>();
        for (Field field : Topics.Names.class.getFields()) {
            names.add((String) field.get(null));
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().map(Topic::name).toList());
    }

    @Test
    void aTopicsSchemaIsItsEvents() {
        assertThat(Topics.TRACK_RUNS.schema()).isEqualTo(RunFinished.getClassSchema());
        assertThat(Topics.SPOTIFY_USERS.deadLetter().schema()).isEqualTo(SpotifyUserRead.getClassSchema());
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
