package io.tunemeld.normalizer.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunemeld.schemas.MusicService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PayloadParserTest {

    private final PayloadParser parser = new PayloadParser();

    @Test
    void spotdlPositionsComeFromListPositionNotArrayOrder() throws IOException {
        ParsedPlaylist rap = parser.parse(MusicService.SPOTIFY, sample("spotify/rap.json"));

        assertThat(rap.entries()).extracting(ParsedEntry::position).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 11, 12);
        assertThat(rap.length()).as("list_length, the full playlist").isEqualTo(51);
        ParsedEntry first = rap.entries().stream().filter(e -> e.position() == 1).findFirst().orElseThrow();
        assertThat(first.isrc()).matches("[A-Z]{2}[A-Z0-9]{3}\\d{7}");
        assertThat(first.url()).startsWith("https://open.spotify.com/track/");
    }

    @Test
    void spotifyWebApiItemsAreNumberedFromTheOffset() throws IOException {
        ParsedPlaylist dance = parser.parse(MusicService.SPOTIFY, Files.readString(Path.of("src/test/resources/payloads/spotify_web_api-dance.json")));

        assertThat(dance.length()).isEqualTo(75);
        assertThat(dance.entries()).hasSize(75);
        assertThat(dance.entries().get(0)).satisfies(e -> {
            assertThat(e.position()).isEqualTo(1);
            assertThat(e.title()).isEqualTo("Magic In The Air");
            assertThat(e.isrc()).isEqualTo("FRZ042500196");
            assertThat(e.artworkUrl()).startsWith("https://i.scdn.co/");
        });
    }

    @Test
    void appleMusicPositionIsKeyPlusOneAndEntitiesAreDecoded() throws IOException {
        ParsedPlaylist rap = parser.parse(MusicService.APPLE_MUSIC, sample("apple_music/rap.json"));

        assertThat(rap.length()).isEqualTo(60);
        assertThat(rap.entries()).extracting(ParsedEntry::position).contains(1, 60);
        assertThat(rap.entries()).extracting(ParsedEntry::title).contains("Won't Stop").noneMatch(t -> t.contains("&#"));
        assertThat(rap.entries()).flatExtracting(ParsedEntry::artists).contains("Offset & JID").noneMatch(a -> a.contains("&amp;"));
        assertThat(rap.entries()).allMatch(e -> e.isrc() == null);
    }

    @Test
    void soundCloudReadsPublisherWhenThereIsOne() throws IOException {
        ParsedPlaylist dance = parser.parse(MusicService.SOUNDCLOUD, sample("soundcloud/dance.json"));

        assertThat(dance.entries()).hasSize(50);
        assertThat(dance.entries().get(0)).satisfies(e -> {
            assertThat(e.position()).isEqualTo(1);
            assertThat(e.artists()).containsExactly("John Summit & Gorgon City");
            assertThat(e.isrc()).isEqualTo("USUG12503301");
            assertThat(e.uploader()).isEqualTo("Disco Lines");
        });
    }

    @Test
    void soundCloudWithoutPublisherKeepsTheWholeTitleAndNoArtist() {
        ParsedPlaylist playlist = parser.parse(MusicService.SOUNDCLOUD, """
                {"tracks": {"items": [
                  {"id": 1, "title": "Dom Dolla - Saving Up", "publisher": null, "user": {"name": "Label Uploads"}},
                  {"id": 2, "title": null},
                  {"id": 3, "title": "Second", "publisher": {"artist": "Someone", "isrc": null}}]}}""");

        assertThat(playlist.length()).isEqualTo(3);
        assertThat(playlist.skipped()).isEqualTo(1);
        assertThat(playlist.entries()).extracting(ParsedEntry::position).containsExactly(1, 3);
        assertThat(playlist.entries().get(0).artists()).isEmpty();
        assertThat(playlist.entries().get(0).title()).isEqualTo("Dom Dolla - Saving Up");
    }

    @Test
    void malformedEntriesAreSkippedAndCountedWithoutFailingThePlaylist() {
        ParsedPlaylist playlist = parser.parse(MusicService.SPOTIFY, """
                [{"name": "Fine", "artists": ["A"], "list_position": 2, "list_length": 5},
                 {"name": 42, "list_position": 1},
                 {"name": "No position"},
                 {"name": "Wrong type", "list_position": "three"}]""");

        assertThat(playlist.entries()).extracting(ParsedEntry::title).containsExactly("Fine");
        assertThat(playlist.entries().get(0).position()).as("never renumbered").isEqualTo(2);
        assertThat(playlist.skipped()).isEqualTo(3);
        assertThat(playlist.length()).isEqualTo(5);
    }

    @Test
    void aPayloadThatIsNotJsonOrNotTheServicesShapeIsRejected() {
        assertThatThrownBy(() -> parser.parse(MusicService.SPOTIFY, "{\"items\": [truncated"))
                .isInstanceOf(UnparseablePayloadException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parser.parse(MusicService.APPLE_MUSIC, "[]"))
                .isInstanceOf(UnparseablePayloadException.class).hasMessageContaining("not a apple_music playlist shape");
    }

    @Test
    void anEntryWithAnAbsurdlyLongTextIsSkippedAndTheRestKept() {
        String huge = "x".repeat(PayloadParser.MAX_TEXT_LENGTH + 1);
        ParsedPlaylist playlist = parser.parse(MusicService.SPOTIFY, """
                [{"name": "Fine", "artists": ["A"], "list_position": 1},
                 {"name": "%s", "artists": ["B"], "list_position": 2},
                 {"name": "Long artist", "artists": ["%s"], "list_position": 3}]""".formatted(huge, huge));

        assertThat(playlist.entries()).extracting(ParsedEntry::title).containsExactly("Fine");
        assertThat(playlist.skipped()).isEqualTo(2);
        assertThat(playlist.length()).isEqualTo(3);
    }

    @Test
    void onlyWebAddressesAreKeptAsLinksAndArtworkTheEntriesStay() {
        ParsedPlaylist playlist = parser.parse(MusicService.SPOTIFY, """
                [{"name": "Script", "artists": ["A"], "list_position": 1, "url": "javascript:alert(document.cookie)",
                  "cover_url": "data:image/svg+xml,<svg onload=alert(1)>"},
                 {"name": "Sneaky", "artists": ["B"], "list_position": 2, "url": " JavaScript:alert(1)", "cover_url": "//evil.example/x.png"},
                 {"name": "Fine", "artists": ["C"], "list_position": 3, "url": "https://open.spotify.com/track/1",
                  "cover_url": "https://i.scdn.co/image/1"}]""");

        assertThat(playlist.entries()).extracting(ParsedEntry::title, ParsedEntry::url, ParsedEntry::artworkUrl).containsExactly(
                tuple("Script", null, null), tuple("Sneaky", null, null),
                tuple("Fine", "https://open.spotify.com/track/1", "https://i.scdn.co/image/1"));
        assertThat(playlist.skipped()).isZero();
    }

    @Test
    void aPlaylistWithoutOneUsableEntryIsRejectedRatherThanPublishedEmpty() {
        assertThatThrownBy(() -> parser.parse(MusicService.SPOTIFY, "[]"))
                .isInstanceOf(UnparseablePayloadException.class).hasMessage("the playlist has no entries");
        assertThatThrownBy(() -> parser.parse(MusicService.SOUNDCLOUD, "{\"tracks\": {\"items\": [], \"nextOffset\": null}}"))
                .isInstanceOf(UnparseablePayloadException.class).hasMessage("the playlist has no entries");
        assertThatThrownBy(() -> parser.parse(MusicService.SPOTIFY, "[{\"name\": 5, \"list_position\": \"first\"}, 7, null]"))
                .isInstanceOf(UnparseablePayloadException.class).hasMessage("none of the playlist's 3 entries could be parsed");
    }

    static String sample(String relative) throws IOException {
        return Files.readString(Path.of("../samples").resolve(relative));
    }

    @Test
    void lastFmTopTracksGiveRanksPlayCountsAndMusicBrainzIds() throws IOException {
        ParsedPlaylist chart = parser.parse(MusicService.LASTFM,
                Files.readString(Path.of("src/test/resources/payloads/lastfm-toptracks.json")));

        assertThat(chart.name()).isEqualTo("RJ's top tracks on Last.fm");
        assertThat(chart.length()).isEqualTo(4);
        assertThat(chart.skipped()).as("an entry without an artist").isEqualTo(1);
        assertThat(chart.entries()).extracting(ParsedEntry::position, ParsedEntry::title, ParsedEntry::playCount).containsExactly(
                tuple(1, "No Broke Boys (feat. Tinashe)", 120L),
                tuple(2, "Beyoncé Song", 75L),
                tuple(4, "Odd count", null));
        assertThat(chart.entries().get(0).artworkUrl()).as("the largest image").contains("300x300");
        assertThat(chart.entries().get(0).serviceTrackId()).as("an empty mbid is none").isNull();
        assertThat(chart.entries().get(1).serviceTrackId()).isEqualTo("5b3e2c1a-0000-4000-8000-000000000001");
        assertThat(chart.entries().get(1).artists()).as("the artist as #text").containsExactly("Someone");
        assertThat(chart.entries()).allMatch(e -> e.isrc() == null);
    }
}
