package io.tunemeld.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunemeld.schemas.MusicService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryPlaylistSourceTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final int MAX_BYTES = 1000;

    @TempDir
    Path root;

    private Path dir;
    private DirectoryPlaylistSource source;

    @BeforeEach
    void payloadRootHoldingThePayloadDirectory() throws IOException {
        dir = Files.createDirectories(root.resolve("payloads"));
        source = new DirectoryPlaylistSource(Clock.fixed(NOW, ZoneOffset.UTC), List.of(dir), MAX_BYTES);
    }

    @Test
    void genresComeFromFileNamesAndServicesFromDirectories() throws IOException {
        write("spotify/k-pop.json", "[]");
        write("apple_music/Lofi_Beats.json", "{}");
        write("soundcloud/k-pop.json", "{}");
        write("soundcloud/notes.txt", "ignored");

        SourceResult result = source.read(dir);

        assertThat(result.failures()).isEmpty();
        assertThat(result.playlists())
                .extracting(FetchedPlaylist::genre, FetchedPlaylist::service, FetchedPlaylist::payload)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("k-pop", MusicService.SPOTIFY, "[]"),
                        org.assertj.core.groups.Tuple.tuple("lofi_beats", MusicService.APPLE_MUSIC, "{}"),
                        org.assertj.core.groups.Tuple.tuple("k-pop", MusicService.SOUNDCLOUD, "{}"));
        assertThat(result.playlists()).allMatch(p -> p.fetchedAt().equals(NOW) && p.source().equals("directory"));
    }

    @Test
    void unknownServicesAndBadGenreNamesAreReportedWithoutStoppingTheRest() throws IOException {
        write("tidal/pop.json", "{}");
        write("spotify/pop music.json", "[]");
        write("spotify/pop.json", "[]");

        SourceResult result = source.read(dir);

        assertThat(result.playlists()).extracting(FetchedPlaylist::genre).containsExactly("pop");
        assertThat(result.failures()).extracting(PlaylistFailure::reason)
                .anyMatch(reason -> reason.contains("unknown service directory 'tidal'"))
                .anyMatch(reason -> reason.contains("'pop music' is not a slug"));
    }

    @Test
    void aMissingDirectoryIsAClearError() {
        assertThatThrownBy(() -> source.read(dir.resolve("nope"))).hasMessageContaining("not a directory inside the payload roots");
    }

    @Test
    void directoriesOutsideThePayloadRootsAreRefusedHoweverTheyAreSpelled() throws IOException {
        Path outside = Files.createDirectories(root.resolve("elsewhere/spotify"));
        Files.writeString(outside.resolve("pop.json"), "[]");
        Path linkToOutside = Files.createSymbolicLink(dir.resolve("link"), root.resolve("elsewhere"));

        for (String escape : List.of("/etc", "/", root.toString(), root.resolve("elsewhere").toString(),
                dir + "/../elsewhere", dir + "/./../elsewhere/", linkToOutside.toString(), "payloads", "", "\u0000")) {
            assertThatThrownBy(() -> source.confine(escape)).as(escape).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a directory inside the payload roots");
        }
        assertThat(source.confine(dir.toString())).isEqualTo(dir.toRealPath());
        Files.createDirectories(dir.resolve("sub"));
        assertThat(source.confine(dir + "/sub/../sub")).isEqualTo(dir.resolve("sub").toRealPath());
    }

    @Test
    void withoutPayloadRootsNoDirectoryIsRead() {
        var closed = new DirectoryPlaylistSource(Clock.systemUTC(), List.of(), MAX_BYTES);

        assertThatThrownBy(() -> closed.confine(dir.toString())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void filesLinkedFromOutsideTheDirectoryAreFailedPlaylistsNotPayloads() throws IOException {
        write("spotify/pop.json", "[]");
        Path secret = Files.writeString(root.resolve("secret.txt"), "root:x:0:0:root:/root:/bin/bash");
        Files.createSymbolicLink(dir.resolve("spotify/passwd.json"), secret);
        Files.createSymbolicLink(dir.resolve("spotify/system.json"), Path.of("/etc/passwd"));
        Files.createDirectories(dir.resolve("apple_music"));
        Files.createSymbolicLink(dir.resolve("apple_music/zero.json"), Path.of("/dev/zero"));
        Files.createSymbolicLink(dir.resolve("soundcloud"), root);

        SourceResult result = source.read(dir);

        assertThat(result.playlists()).extracting(FetchedPlaylist::genre).containsExactly("pop");
        assertThat(result.playlists()).noneMatch(p -> p.payload().contains("root:"));
        assertThat(result.failures()).extracting(PlaylistFailure::genre, PlaylistFailure::reason).contains(
                org.assertj.core.groups.Tuple.tuple("passwd", "links outside the payload directory: payload files must lie inside it"),
                org.assertj.core.groups.Tuple.tuple("system", "links outside the payload directory: payload files must lie inside it"),
                org.assertj.core.groups.Tuple.tuple("zero", "links outside the payload directory: payload files must lie inside it"));
    }

    @Test
    void aLinkInsideTheDirectoryIsFollowed() throws IOException {
        write("shared/pop.json", "[1]");
        Files.createDirectories(dir.resolve("spotify"));
        Files.createSymbolicLink(dir.resolve("spotify/pop.json"), dir.resolve("shared/pop.json"));

        assertThat(source.read(dir).playlists()).extracting(FetchedPlaylist::payload).containsExactly("[1]");
    }

    @Test
    void aFileLargerThanAPayloadMayBeIsNotRead() throws IOException {
        write("spotify/big.json", "[" + " ".repeat(MAX_BYTES) + "]");
        write("spotify/fits.json", "[" + " ".repeat(MAX_BYTES - 2) + "]");

        SourceResult result = source.read(dir);

        assertThat(result.playlists()).extracting(FetchedPlaylist::genre).containsExactly("fits");
        assertThat(result.failures()).extracting(PlaylistFailure::reason)
                .containsExactly("larger than the 1,000 bytes a payload may have (tunemeld.ingest.max-payload-size)");
    }

    @Test
    void aFileThatIsNotUtf8IsAFailedPlaylist() throws IOException {
        Files.createDirectories(dir.resolve("spotify"));
        Files.write(dir.resolve("spotify/latin1.json"), new byte[] {'[', '"', (byte) 0xE9, '"', ']'});

        assertThat(source.read(dir).failures()).extracting(PlaylistFailure::reason)
                .containsExactly("not UTF-8 text: payload files must be UTF-8 JSON");
    }

    private void write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
