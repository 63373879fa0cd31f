package io.tunemeld.normalizer.identity;

import io.tunemeld.normalizer.payload.ParsedEntry;
import io.tunemeld.normalizer.payload.PayloadParser;
import io.tunemeld.schemas.MusicService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How entries were keyed: each entry's key, method and confidence, and for an entry left on a fallback
 * key, the closest catalog entry and why it was refused. Offline over payload files ({@link #of}), as the
 * normalizer resolves them once every playlist is in and with no API call (the catalog is what the
 * entries with an ISRC teach), or as the normalizer keyed its snapshots in force.
 */
public final class MatchReport {

    private MatchReport() {
    }

    /** One service's playlist of a genre, as parsed. */
    public record Playlist(String genre, MusicService service, List<ParsedEntry> entries) {
    }

    /** One entry as keyed; {@code closest} only for an entry left on a fallback key that the catalog nearly matched. */
    public record Row(String genre, String service, int position, String title, List<String> artists, String trackKey,
            MatchMethod method, double confidence, Closest closest) {

        public static Row of(String genre, MusicService service, ParsedEntry entry, Resolution resolution,
                Optional<TrackResolver.Refusal> refusal) {
            return new Row(genre, service.slug(), entry.position(), entry.title(), entry.artists(), resolution.trackKey(),
                    resolution.method(), resolution.confidence(), refusal.map(Closest::of).orElse(null));
        }
    }

    /** The catalog entry an entry did not match, and why. */
    public record Closest(String isrc, String titleKey, Set<String> artists, String reason) {

        static Closest of(TrackResolver.Refusal refusal) {
            CatalogEntry candidate = refusal.candidate();
            return new Closest(candidate.isrc(), candidate.titleKey(), candidate.artists(), refusal.reason());
        }
    }

    /**
     * The payloads of a directory laid out as ingest reads one: {@code <service>/<genre>.json}. Other
     * directories and files are left out.
     */
    public static List<Playlist> read(Path dir) throws IOException {
        PayloadParser parser = new PayloadParser();
        List<Playlist> playlists = new ArrayList<>();
        try (Stream<Path> services = Files.list(dir)) {
            for (Path serviceDir : services.filter(Files::isDirectory).sorted().toList()) {
                Optional<MusicService> service = MusicService.find(serviceDir.getFileName().toString());
                if (service.isEmpty()) {
                    continue;
                }
                try (Stream<Path> files = Files.list(serviceDir)) {
                    for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                        playlists.add(new Playlist(file.getFileName().toString().replaceFirst("\\.json$", ""), service.get(),
                                parser.parse(service.get(), Files.readString(file)).entries()));
                    }
                }
            }
        }
        return playlists;
    }

    /** Every entry of these playlists resolved against the catalog that all of them teach. */
    public static List<Row> of(List<Playlist> playlists, TrackResolver resolver) {
        List<CatalogEntry> catalog = playlists.stream().flatMap(p -> p.entries().stream())
                .map(resolver::catalogEntry).flatMap(Optional::stream).toList();
        Map<String, List<CatalogEntry>> byTitle = catalog.stream().collect(Collectors.groupingBy(CatalogEntry::titleKey));
        List<Row> rows = new ArrayList<>();
        for (Playlist playlist : playlists) {
            for (ParsedEntry entry : playlist.entries()) {
                Resolution resolution = resolver.resolve(playlist.service(), entry, title -> byTitle.getOrDefault(title, List.of()));
                rows.add(Row.of(playlist.genre(), playlist.service(), entry, resolution, resolution.method() == MatchMethod.FALLBACK
                        ? resolver.closestRefused(entry, catalog) : Optional.empty()));
            }
        }
        return rows;
    }
}
