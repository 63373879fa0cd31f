package io.tunemeld.ingest.source;

import io.tunemeld.schemas.MusicService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads {@code <dir>/<service>/<genre>.json} payload files in the services' native shapes. Genres are
 * whatever the file names say (lowercase slugs), never a fixed list.
 *
 * <p>The directory comes over HTTP, so it must lie inside one of the configured payload roots, and every
 * file read must lie inside the directory once links are resolved (a link to {@code /etc/passwd} is a
 * failed playlist, not a payload); a file larger than a payload may be is refused without being read.
 */
public class DirectoryPlaylistSource {

    static final String SOURCE = "directory";
    private static final Pattern GENRE_SLUG = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final String EXTENSION = ".json";

    private final Clock clock;
    private final List<Path> roots;
    private final long maxBytes;

    /**
     * @param roots the directories payload directories must lie in; none refuses every directory
     * @param maxBytes the largest payload file read
     */
    public DirectoryPlaylistSource(Clock clock, List<Path> roots, long maxBytes) {
        this.clock = clock;
        this.roots = roots.stream().map(DirectoryPlaylistSource::realRoot).flatMap(Optional::stream).toList();
        this.maxBytes = maxBytes;
    }

    private static Optional<Path> realRoot(Path root) {
        try {
            return Optional.of(root.toRealPath());
        } catch (IOException e) {
            // a root that does not exist (yet) confines to nothing
            return Optional.empty();
        }
    }

    /**
     * The directory a request names, resolved (links included), when it lies inside a payload root.
     *
     * @throws IllegalArgumentException naming the roots when it does not, or is no directory; the same
     *         answer whether or not a path outside the roots exists
     */
    public Path confine(String directory) {
        Path real;
        try {
            real = Path.of(directory).toRealPath();
        } catch (IOException | InvalidPathException e) {
            real = null;
        }
        if (real == null || roots.stream().noneMatch(real::startsWith) || !Files.isDirectory(real)) {
            throw new IllegalArgumentException("not a directory inside the payload roots " + roots
                    + " (tunemeld.ingest.payload-roots, INGEST_PAYLOAD_ROOTS): " + directory);
        }
        return real;
    }

    public SourceResult read(Path requested) {
        Path directory = confine(requested.toString());
        List<FetchedPlaylist> playlists = new ArrayList<>();
        List<PlaylistFailure> failures = new ArrayList<>();
        for (Path serviceDir : list(directory)) {
            if (!Files.isDirectory(serviceDir)) {
                continue;
            }
            String serviceName = serviceDir.getFileName().toString();
            var service = MusicService.find(serviceName).filter(s -> s != MusicService.YOUTUBE);
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
                        String payload = readPayload(directory, file);
                        playlists.add(new FetchedPlaylist(genre, service.get(), SOURCE, file.toString(), payload, clock.instant()));
                    } catch (RefusedFileException e) {
                        failures.add(new PlaylistFailure(genre, serviceName, file.toString(), e.getMessage()));
                    } catch (IOException | UncheckedIOException e) {
                        failures.add(new PlaylistFailure(genre, serviceName, file.toString(), "unreadable: " + e.getMessage()));
                    }
                }
            }
        }
        return new SourceResult(playlists, failures);
    }

    private String readPayload(Path directory, Path file) throws IOException {
        Path real = file.toRealPath();
        if (!real.startsWith(directory)) {
            throw new RefusedFileException("links outside the payload directory: payload files must lie inside it");
        }
        if (!Files.isRegularFile(real)) {
            throw new RefusedFileException("not a regular file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(real)) {
            // read no more than the limit allows, even from a file that grows while it is read
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        }
        if (bytes.length > maxBytes) {
            throw new RefusedFileException("larger than the %,d bytes a payload may have (tunemeld.ingest.max-payload-size)"
                    .formatted(maxBytes));
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new RefusedFileException("not UTF-8 text: payload files must be UTF-8 JSON");
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** A file this source will not read, with the reason the run reports. */
    private static final class RefusedFileException extends IOException {
        RefusedFileException(String reason) {
            super(reason);
        }
    }
}
