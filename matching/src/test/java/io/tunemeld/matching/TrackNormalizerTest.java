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
    void sourceTagsAreNotPartOfTheTitle() {
        String song = TrackNormalizer.title("Just Keep Watching").key();
        assertThat(TrackNormalizer.title("Just Keep Watching (From F1® The Movie)").key()).isEqualTo(song);
        assertThat(TrackNormalizer.title("Just Keep Watching (from the Netflix series “Drive to Survive”)").key()).isEqualTo(song);
        assertThat(TrackNormalizer.title("Just Keep Watching [From “F1”]").key()).isEqualTo(song);
        assertThat(TrackNormalizer.title("Just Keep Watching (Original Motion Picture Soundtrack)").key()).isEqualTo(song);
        assertThat(TrackNormalizer.title("Just Keep Watching - From \"F1 The Album\"").key()).isEqualTo(song);
        assertThat(TrackNormalizer.title("Just Keep Watching (Music From The Motion Picture)").key()).isEqualTo(song);
    }

    @Test
    void versionMarkersStayPartOfTheTitleBesideASourceTag() {
        String song = TrackNormalizer.title("Song").key();
        for (String version : List.of("Song (Sped Up)", "Song - Slowed", "Song (Live)", "Song (Live from Wembley)", "Song (Acoustic)",
                "Song (Instrumental)", "Song (Extended Mix)", "Song (Radio Edit)", "Song (VIP)", "Song (Taylor's Version)",
                "Song (Taylor's Version) (From The Vault)", "Song (X Remix) [From “Film”]", "Song (From The Vault)")) {
            assertThat(TrackNormalizer.title(version).key()).as(version).isNotEqualTo(song);
        }
        assertThat(TrackNormalizer.title("Song (Sped Up) [From “Film”]").key()).isEqualTo(TrackNormalizer.title("Song (Sped Up)").key());
    }

    @Test
    void thePrimaryArtistIsTheFirstCredited() {
        assertThat(TrackNormalizer.primaryArtist(List.of("Fred again.., Skepta &amp; PlaqueBoyMax"))).isEqualTo("fred again");
        assertThat(TrackNormalizer.primaryArtist(List.of("", "The Weeknd", "Daft Punk"))).isEqualTo("weeknd");
        assertThat(TrackNormalizer.primaryArtist(List.of())).isNull();
    }

    @Test
    void anAccountsNameIsReadWithoutItsSuffixAndSpaces() {
        assertThat(TrackNormalizer.accountName("lordemusic")).isEqualTo("lorde").isEqualTo(TrackNormalizer.accountName("lorde"));
        assertThat(TrackNormalizer.accountName("tate mcrae official")).isEqualTo(TrackNormalizer.accountName("tate mcrae"));
        assertThat(TrackNormalizer.accountName("taylorswiftvevo")).isEqualTo("taylorswift");
        assertThat(TrackNormalizer.accountName("music")).isEqualTo("music");
        assertThat(TrackNormalizer.accountName("lorde")).isNotEqualTo(TrackNormalizer.accountName("lord"));
    }

    @Test
    void versionMarkersStayPartOfTheTitle() {
        assertThat(TrackNormalizer.title("Song (Remastered 2011)").key()).isNotEqualTo(TrackNormalizer.title("Song").key());
        assertThat(TrackNormalizer.title("Song - Sped Up").key()).isEqualTo("song sped up");
    }
}
