package io.tunemeld.track.albums;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlbumPagesTest {

    static final String SITE = "https://www.albumoftheyear.org";

    static String page(String name) throws IOException {
        try (InputStream in = AlbumPagesTest.class.getResourceAsStream("/albumoftheyear/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aSearchGivesItsAlbumsInOrderEachLinkedOnTheSitesOwnHost() throws IOException {
        List<AlbumPages.Hit> hits = AlbumPages.searchResults(page("search-melodrama.html"), SITE);

        // the links to another host, protocol-relative or not, the script and the artist page are not albums of the site
        assertThat(hits).containsExactly(
                new AlbumPages.Hit(SITE + "/album/104412-lorde-melodrama-live.php", "Lorde", "Melodrama (Live)"),
                new AlbumPages.Hit(SITE + "/album/73311-lorde-melodrama.php", "Lorde", "Melodrama"),
                new AlbumPages.Hit(SITE + "/album/2000-lordes-melodrama-tribute.php", "Various Artists", "Melodrama"));
    }

    @Test
    void aLinkThatLeavesTheAlbumPathsIsNotFollowed() {
        String html = """
                <div class="albumBlock"><div class="image"><a href="/album/../admin/x.php">x</a></div>
                  <div class="artistTitle">A</div><div class="albumTitle">B</div></div>
                <div class="albumBlock"><div class="image"><a href="https://www.albumoftheyear.org.evil.example/album/1.php">x</a></div>
                  <div class="artistTitle">A</div><div class="albumTitle">B</div></div>
                <div class="albumBlock"><div class="image"><a href="file:///album/1.php">x</a></div>
                  <div class="artistTitle">A</div><div class="albumTitle">B</div></div>""";

        assertThat(AlbumPages.searchResults(html, SITE)).isEmpty();
    }

    @Test
    void anAlbumPageGivesTheExactScoresTheirCountsAndItsMainGenres() throws IOException {
        String url = SITE + "/album/73311-lorde-melodrama.php";

        assertThat(AlbumPages.rating(page("album-melodrama.html"), url))
                .contains(new AlbumRating(url, 87.5, 41, 84.3, 12504, List.of("Art Pop", "Electropop")));
    }

    @Test
    void aScoreTheSiteDoesNotGiveIsNullNotZero() throws IOException {
        String url = SITE + "/album/5-ilse-marrow-console-bell.php";

        assertThat(AlbumPages.rating(page("album-unrated-critics.html"), url))
                .contains(new AlbumRating(url, null, 2, 61.0, 37, List.of("Indie Pop")));
    }

    @Test
    void aPageWithNoScoreAtAllIsNoRating() throws IOException {
        assertThat(AlbumPages.rating(page("search-melodrama.html"), SITE + "/album/1.php")).isEmpty();
        assertThat(AlbumPages.rating("<html><body>Not Found</body></html>", SITE + "/album/1.php")).isEmpty();
    }
}
