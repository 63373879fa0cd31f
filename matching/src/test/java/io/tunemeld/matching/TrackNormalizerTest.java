package io.tunemeld.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrackNormalizerTest {

    @Test
    void caseDiacriticsAndEntitiesAreFolded() {
        assertThat(TrackNormalizer.artists(List.of("Beyoncé"))).isEqualTo(TrackNormalizer.artists(List.of("BEYONCE")));
        assertThat(TrackNormalizer.title("Won&#039;t Stop").key()).isEqualTo(TrackNormalizer.title("Won't Stop").key());
    }

    @Test
    void lettersAndNumbersOfAnyScriptAreKeptAndEverythingElseSeparatesWords() {
        assertThat(TrackNormalizer.title("  東京 —— Tokyo!!  x² (Ⅻ) ").key()).isEqualTo("東京 tokyo x² ⅻ");
        assertThat(TrackNormalizer.title("...").key()).isEmpty();
        assertThat(TrackNormalizer.artists(List.of("Sigur Rós / Björk"))).containsExactly("bjork", "sigur ros");
    }

    @Test
    void featuredArtistsAreSetApartFromTheTitle() {
        var title = TrackNormalizer.title("A New Day (feat. Céline Dion)");
        assertThat(title.key()).isEqualTo("a new day");
        assertThat(title.featuredArtists()).containsExactly("celine dion");
        assertThat(TrackNormalizer.title("Song ft. X & Y").featuredArtists()).containsExactlyInAnyOrder("x", "y");
        assertThat(TrackNormalizer.title("Song [with Someone]").key()).isEqualTo("song");
    }

    @Test
    void artistsAreASetWhateverTheSeparator() {
        var expected = TrackNormalizer.artists(List.of("Fred again..", "Skepta", "PlaqueBoyMax"));
        assertThat(TrackNormalizer.artists(List.of("Fred again.., Skepta &amp; PlaqueBoyMax"))).isEqualTo(expected);
        assertThat(TrackNormalizer.artists(List.of("PlaqueBoyMax x Skepta and Fred Again"))).isEqualTo(expected);
    }

    @Test
    void aLeadingTheIsIgnored() {
        assertThat(TrackNormalizer.artists(List.of("The Blessed Madonna"))).containsExactly("blessed madonna");
        assertThat(TrackNormalizer.title("The Door").key()).isEqualTo("door");
    }

    @Test
    void versionMarkersStayPartOfTheTitle() {
        assertThat(TrackNormalizer.title("Song (Remastered 2011)").key()).isNotEqualTo(TrackNormalizer.title("Song").key());
        assertThat(TrackNormalizer.title("Song - Sped Up").key()).isEqualTo("song sped up");
    }
}
