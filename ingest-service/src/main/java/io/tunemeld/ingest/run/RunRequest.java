package io.tunemeld.ingest.run;

import io.tunemeld.schemas.MusicService;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What to ingest: a payload directory, else the configured playlists from their APIs; optionally only
 * one genre or one service; {@code force} fetches even what the playlist cache would reuse.
 */
public record RunRequest(String trigger, Optional<Path> directory, Optional<String> genre, Optional<MusicService> service,
        boolean force) {

    String source() {
        return directory.map(dir -> "directory:" + dir.toAbsolutePath()).orElse("api");
    }

    boolean includes(String playlistGenre, MusicService playlistService) {
        return genre.map(playlistGenre::equals).orElse(true) && service.map(playlistService::equals).orElse(true);
    }
}
