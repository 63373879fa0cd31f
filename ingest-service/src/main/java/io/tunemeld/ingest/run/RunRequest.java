package io.tunemeld.ingest.run;

import io.tunemeld.schemas.MusicService;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What to ingest: a listener's chart from a listening source, else a payload directory, else the
 * configured playlists from their APIs; optionally only one genre or one service; {@code force} fetches
 * even what the playlist cache would reuse; {@code dryRun} fetches and reports without storing or
 * publishing anything.
 */
public record RunRequest(String trigger, Optional<Path> directory, Optional<String> genre, Optional<MusicService> service,
        boolean force, Optional<ListenerChart> listener, boolean dryRun) {

    /** A listener's top tracks on a listening source (Last.fm), at most {@code maxSongs} of them. */
    public record ListenerChart(String user, int maxSongs) {
    }

    public RunRequest(String trigger, Optional<Path> directory, Optional<String> genre, Optional<MusicService> service,
            boolean force) {
        this(trigger, directory, genre, service, force, Optional.empty(), false);
    }

    String source() {
        return listener.map(chart -> "lastfm:" + chart.user())
                .orElseGet(() -> directory.map(dir -> "directory:" + dir.toAbsolutePath()).orElse("api"));
    }

    boolean includes(String playlistGenre, MusicService playlistService) {
        return genre.map(playlistGenre::equals).orElse(true) && service.map(playlistService::equals).orElse(true);
    }
}
