package io.tunemeld.ingest.run;

import io.tunemeld.schemas.MusicService;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What to ingest: a listening source, else a payload directory, else the configured playlists from their
 * APIs; optionally only one genre or one service; {@code force} fetches even what the playlist cache
 * would reuse; {@code dryRun} fetches and reports without storing or publishing anything.
 */
public record RunRequest(String trigger, Optional<Path> directory, Optional<String> genre, Optional<MusicService> service,
        boolean force, Optional<Listening> listening, boolean dryRun) {

    /** A listening source to read instead of playlists. */
    public sealed interface Listening permits LastFmChart, SpotifyHistory, ListenerProfiles {
    }

    /** A listener's top tracks on Last.fm, at most {@code maxSongs} of them. */
    public record LastFmChart(String user, int maxSongs) implements Listening {
    }

    /** The new Spotify plays of one configured listener, or of every one; then the playlists they came from. */
    public record SpotifyHistory(Optional<String> user) implements Listening {
    }

    /** The Spotify profile of one configured listener, or of every one, and the users around them. */
    public record ListenerProfiles(Optional<String> user) implements Listening {
    }

    public RunRequest(String trigger, Optional<Path> directory, Optional<String> genre, Optional<MusicService> service,
            boolean force) {
        this(trigger, directory, genre, service, force, Optional.empty(), false);
    }

    String source() {
        if (listening.isPresent()) {
            if (listening.get() instanceof LastFmChart chart) {
                return "lastfm:" + chart.user();
            }
            return listening.get() instanceof SpotifyHistory history ? "spotify-history" + history.user().map(user -> ":" + user).orElse("")
                    : "spotify-profiles" + ((ListenerProfiles) listening.get()).user().map(user -> ":" + user).orElse("");
        }
        return directory.map(dir -> "directory:" + dir.toAbsolutePath()).orElse("api");
    }

    boolean includes(String playlistGenre, MusicService playlistService) {
        return genre.map(playlistGenre::equals).orElse(true) && service.map(playlistService::equals).orElse(true);
    }
}
