package io.tunemeld.ingest.source;

import io.tunemeld.schemas.MusicService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads {@code <dir>/<service>/<genre>.json} payload files in the services' native shapes. Genres are
 * whatever the file names say (lowercase slugs), never a fixed list.
 */
public class DirectoryPlaylistSource {

    static final String SOURCE = "directory";
    private static final Pattern GENRE_SLUG = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final String EXTENSION = ".json";

    private final Clock clock;

    public DirectoryPlaylistSource(Clock clock) {
        this.clock = clock;
    }

    public SourceResult read(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("not a directory: " + directory);
        }
        List<FetchedPlaylist> playlists = new ArrayList<>();
        List<PlaylistFailure> failures = new ArrayList<>();
        for (Path serviceDir : list(directory)) {
            if (!Files.isDirectory(serviceDir)) {
                continue;
            }
            String serviceName = serviceDir.getFileName().toString();
            var service = MusicService.fromSlug(serviceName).filter(s -> s != MusicService.YOUTUBE);
            for (Path file : list(serviceDir)) {
                String fileName = file.getFileName().toString();
                if (!fileName.endsWith(EXTENSION)) {
                    continue;
                }
                String genre = fileName.substring(0, fileName.length() - EXTENSION.length()).toLowerCase(Locale.ROOT);
                if (service.isEmpty()) {
                    failures.add(new PlaylistFailure(genre, serviceName, file.toString(),
                            "unknown service directory '" + serviceName + "' (expected spotify, apple_music, soundcloud or lastfm)"));
                } else if (!GENRE_SLUG.matcher(genre).matches()) {
                    failures.add(new PlaylistFailure(genre, serviceName, file.toString(),
                            "genre '" + genre + "' is not a slug (letters, digits, '-' and '_')"));
                } else {
                    try {
                        String payload = Files.readString(file, StandardCharsets.UTF_8);
                        playlists.add(new FetchedPlaylist(genre, service.get(), SOURCE, file.toString(), payload,
                                clock.instant()));
                    } catch (MalformedInputException e) {
                        failures.add(new PlaylistFailure(genre, serviceName, file.toString(),
                                "not UTF-8 text: payload files must be UTF-8 JSON"));
                    } catch (IOException | UncheckedIOException e) {
                        failures.add(new PlaylistFailure(genre, serviceName, file.toString(), "unreadable: " + e.getMessage()));
                    }
                }
            }
        }
        return new SourceResult(playlists, failures);
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
