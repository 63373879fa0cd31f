package io.tunemeld.normalizer.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.normalizer.identity.MatchMethod;
import io.tunemeld.normalizer.identity.Resolution;
import io.tunemeld.normalizer.payload.ParsedEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class BestVersionTest {

    private static ResolvedEntry entry(int position, String key, String title, String album, String mbid, Long plays) {
        return new ResolvedEntry(new ParsedEntry(position, title, List.of("Disco Lines"), album, null, mbid, null, null, null, plays),
                new Resolution(key, key, MatchMethod.CATALOG, 1.0));
    }

    @Test
    void recordingsOfOneSongBecomeTheBestDescribedOneAtTheBestPositionWithAllTheirPlays() {
        List<ResolvedEntry> one = BestVersion.of(List.of(
                entry(1, "USAT22504362", "No Broke Boys (feat. Tinashe)", null, null, 120L),
                entry(2, "hash:other", "Other Song", null, null, 90L),
                entry(3, "USAT22504362", "No Broke Boys", "No Broke Boys - Single", "mbid-1", 40L)));

        assertThat(one).extracting(e -> e.entry().position()).containsExactly(1, 2);
        ParsedEntry song = one.get(0).entry();
        assertThat(song.title()).as("album and MusicBrainz id: the more complete version").isEqualTo("No Broke Boys");
        assertThat(song.playCount()).isEqualTo(160L);
        assertThat(song.serviceTrackId()).isEqualTo("mbid-1");
    }

    @Test
    void betweenVersionsDescribedAlikeTheMorePlayedOneWinsThenTheBetterPlaced() {
        assertThat(BestVersion.of(List.of(
                entry(1, "k", "Version A", null, null, 10L),
                entry(2, "k", "Version B", null, null, 30L))).get(0).entry())
                .satisfies(e -> {
                    assertThat(e.title()).isEqualTo("Version B");
                    assertThat(e.position()).isEqualTo(1);
                    assertThat(e.playCount()).isEqualTo(40L);
                });
        // an editorial playlist listing a song twice: no plays, the first listing stays
        assertThat(BestVersion.of(List.of(
                entry(4, "k", "First listing", null, null, null),
                entry(9, "k", "Second listing", null, null, null))).get(0).entry())
                .satisfies(e -> {
                    assertThat(e.title()).isEqualTo("First listing");
                    assertThat(e.position()).isEqualTo(4);
                    assertThat(e.playCount()).isNull();
                });
    }
}
