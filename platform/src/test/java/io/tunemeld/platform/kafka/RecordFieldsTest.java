package io.tunemeld.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunemeld.schemas.MusicService;
import org.junit.jupiter.api.Test;

class RecordFieldsTest {

    @Test
    void aServiceIsReadByItsSlugInAnyCase() {
        assertThat(RecordFields.service("apple_music")).isEqualTo(MusicService.APPLE_MUSIC);
        assertThat(RecordFields.service("SoundCloud")).isEqualTo(MusicService.SOUNDCLOUD);
    }

    @Test
    void aServiceNoVersionKnowsRejectsTheRecordNamingIt() {
        assertThatThrownBy(() -> RecordFields.service("tidal")).isInstanceOf(RejectedRecordException.class)
                .hasMessage("unknown service 'tidal'");
    }
}
