package io.tunemeld.aggregate.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.schemas.MusicService;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsensusScoringStrategyTest {

    private static PlaylistSnapshot playlist(MusicService service, int length, Object... positionsAndKeys) {
        List<PlaylistSnapshot.Entry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < positionsAndKeys.length; i += 2) {
            String key = (String) positionsAndKeys[i + 1];
            entries.add(new PlaylistSnapshot.Entry((Integer) positionsAndKeys[i], key, key, "t " + key, List.of("a"), "PAYLOAD", 1.0));
        }
        return new PlaylistSnapshot(service, Instant.EPOCH, length, entries);
    }

    @Test
    void moreServicesWinWhateverThePositionsThenRelativePositionsDecide() {
        var snapshots = List.of(
                playlist(MusicService.SPOTIFY, 10, 1, "TWO-TOP", 10, "THREE-LOW", 2, "TWO-SECOND"),
                playlist(MusicService.APPLE_MUSIC, 20, 1, "TWO-TOP", 20, "THREE-LOW", 3, "TWO-SECOND"),
                playlist(MusicService.SOUNDCLOUD, 5, 5, "THREE-LOW"));

        var consensus = new ConsensusScoringStrategy().rank(snapshots);
        var seed = new SeedScoringStrategy().rank(snapshots);

        // THREE-LOW: (1 - 9/10) + (1 - 19/20) + (1 - 4/5) = 0.35 on three services; TWO-TOP: 1 + 1 = 2 on two
        assertThat(consensus).extracting(RankedTrack::trackKey).containsExactly("THREE-LOW", "TWO-TOP", "TWO-SECOND");
        assertThat(consensus.get(0).score()).isCloseTo(0.35, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(seed).extracting(RankedTrack::trackKey).as("the seed formula ranks otherwise")
                .containsExactly("TWO-TOP", "TWO-SECOND", "THREE-LOW");
    }
}
