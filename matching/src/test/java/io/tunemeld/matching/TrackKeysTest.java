package io.tunemeld.matching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrackKeysTest {

    @Test
    void aSpotifyKeyGivesBackItsTrackIdAndNoOtherKeyDoes() {
        assertThat(TrackKeys.spotify("29Cv")).isEqualTo("spotify:29Cv");
        assertThat(TrackKeys.spotifyId(TrackKeys.spotify("29Cv"))).contains("29Cv");
        assertThat(TrackKeys.spotifyId(TrackKeys.hash("2c9b957bab4acbb3"))).isEmpty();
        assertThat(TrackKeys.spotifyId("FRZ042500196")).isEmpty();
    }
}
