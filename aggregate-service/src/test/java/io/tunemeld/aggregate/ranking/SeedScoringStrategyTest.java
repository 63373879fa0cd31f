package io.tunemeld.aggregate.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.schemas.MusicService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeedScoringStrategyTest {

    private final SeedScoringStrategy strategy = new SeedScoringStrategy();

    private static PlaylistSnapshot playlist(MusicService service, int length, Object... positionsAndKeys) {
        List<PlaylistSnapshot.Entry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < positionsAndKeys.length; i += 2) {
            String key = (String) positionsAndKeys[i + 1];
            entries.add(new PlaylistSnapshot.Entry((Integer) positionsAndKeys[i], key, key.startsWith("hash:") ? null : key,
                    service.slug() + " title of " + key, List.of(service.slug() + " artist"),
                    key.startsWith("hash:") ? "FALLBACK" : "PAYLOAD", key.startsWith("hash:") ? 0.0 : 1.0));
        }
        return new PlaylistSnapshot(service, Instant.EPOCH, length, entries);
    }

    @Test
    void scoresTracksOnAtLeastTwoServicesWithTheSeedFormula() {
        var ranked = strategy.rank(List.of(
                playlist(MusicService.SPOTIFY, 50, 1, "A", 2, "B", 3, "C"),
                playlist(MusicService.APPLE_MUSIC, 60, 5, "B", 1, "A", 9, "ONLY-APPLE"),
                playlist(MusicService.SOUNDCLOUD, 50, 10, "C", 20, "B")));

        // A: (50-1) + (60-1) + 10*2 = 128; B: (50-2) + (60-5) + (50-20) + 10*3 = 163; C: (50-3) + (50-10) + 20 = 107
        assertThat(ranked).extracting(RankedTrack::trackKey, RankedTrack::score, RankedTrack::rank, RankedTrack::serviceCount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("B", 163.0, 1, 3),
                        org.assertj.core.groups.Tuple.tuple("A", 128.0, 2, 2),
                        org.assertj.core.groups.Tuple.tuple("C", 107.0, 3, 2));
        assertThat(ranked.get(0).placements()).isEqualTo(Map.of(
                MusicService.SPOTIFY, new RankedTrack.Placement(2, "PAYLOAD", 1.0),
                MusicService.APPLE_MUSIC, new RankedTrack.Placement(5, "PAYLOAD", 1.0),
                MusicService.SOUNDCLOUD, new RankedTrack.Placement(20, "PAYLOAD", 1.0)));
        assertThat(ranked.get(0).title()).as("Spotify's metadata first").isEqualTo("spotify title of B");
    }

    @Test
    void tiesGoToMoreServicesThenTheBestPositionThenTheKey() {
        var ranked = strategy.rank(List.of(
                playlist(MusicService.SPOTIFY, 10, 2, "X", 4, "Y", 5, "Z", 6, "W"),
                playlist(MusicService.APPLE_MUSIC, 10, 4, "X", 2, "Y", 3, "Z", 3, "W")));

        // X = 8+6+20 = 34 and Y = 6+8+20 = 34 tie on score, services and best position (2): the key decides
        assertThat(ranked).extracting(RankedTrack::trackKey).containsExactly("X", "Y", "Z", "W");
        assertThat(ranked.get(0).score()).isEqualTo(ranked.get(1).score());
    }

    @Test
    void aTrackOnOneServiceOnlyIsNotACandidate() {
        assertThat(strategy.rank(List.of(playlist(MusicService.SPOTIFY, 10, 1, "A"),
                playlist(MusicService.SOUNDCLOUD, 10, 1, "B")))).isEmpty();
    }
}
