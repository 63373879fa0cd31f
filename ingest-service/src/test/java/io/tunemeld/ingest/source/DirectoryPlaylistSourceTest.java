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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryPlaylistSourceTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private final DirectoryPlaylistSource source = new DirectoryPlaylistSource(Clock.fixed(NOW, ZoneOffset.UTC));

    @TempDir
    Path dir;

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
        assertThatThrownBy(() -> source.read(dir.resolve("nope"))).hasMessageContaining("not a directory");
    }

    private void write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
