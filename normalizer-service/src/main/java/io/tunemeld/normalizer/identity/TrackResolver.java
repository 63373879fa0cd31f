package io.tunemeld.normalizer.identity;

import io.tunemeld.matching.Isrc;
import io.tunemeld.matching.TrackKeys;
import io.tunemeld.matching.TrackNormalizer;
import io.tunemeld.normalizer.payload.ParsedEntry;
import io.tunemeld.schemas.EventIds;
import io.tunemeld.schemas.MusicService;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Gives an entry its canonical key: the payload's ISRC, else a catalog match on normalised title and
 * artists (a title match with other artists never matches), else the same match against what the
 * track search finds, else a fallback key that can never be mistaken for an ISRC ({@code spotify:<id>}
 * or {@code hash:<sha>}).
 */
public class TrackResolver {

    private final double minConfidence;
    private final TrackSearch search;

    public TrackResolver(double minConfidence, TrackSearch search) {
        this.minConfidence = minConfidence;
        this.search = search;
    }

    /** Whether resolution may call an external search (an API call, with its retries and rate-limit waits). */
    public boolean searches() {
        return search != TrackSearch.NONE;
    }

    /** The catalog record an entry with an ISRC adds, if any. */
    public Optional<CatalogEntry> catalogEntry(ParsedEntry entry) {
        return Isrc.parse(entry.isrc()).map(isrc -> catalogEntry(entry, isrc));
    }

    /** The catalog record of an entry under an ISRC found for it (by search, so others match offline). */
    public CatalogEntry catalogEntry(ParsedEntry entry, String isrc) {
        TrackNormalizer.Title title = TrackNormalizer.title(entry.title());
        return new CatalogEntry(isrc, title.key(), TrackNormalizer.allArtists(entry.artists(), title));
    }

    /**
     * @param candidates catalog entries with a given normalised title
     */
    public Resolution resolve(MusicService service, ParsedEntry entry, Function<String, List<CatalogEntry>> candidates) {
        Optional<String> isrc = Isrc.parse(entry.isrc());
        if (isrc.isPresent()) {
            return new Resolution(isrc.get(), isrc.get(), MatchMethod.PAYLOAD, 1.0);
        }
        TrackNormalizer.Title title = TrackNormalizer.title(entry.title());
        Set<String> artists = TrackNormalizer.allArtists(entry.artists(), title);
        Optional<Resolution> match = bestMatch(title, artists, candidates, 1.0, MatchMethod.CATALOG);
        // no credited artist (a SoundCloud upload without publisher): the title may be "Artist - Title"
        if (match.isEmpty() && entry.artists().isEmpty()) {
            match = splitTitleMatch(entry.title(), candidates);
        }
        if (match.isEmpty() && !title.key().isEmpty() && !entry.artists().isEmpty()) {
            List<CatalogEntry> found = search.find(title.key(), artists);
            match = bestMatch(title, artists, key -> found, 1.0, MatchMethod.SEARCH);
        }
        return match.orElseGet(() -> fallback(service, entry, title, artists));
    }

    /**
     * The title keys a catalog entry must carry for this entry to match it: its title's, and for an
     * upload without a stated artist, those of both "Artist - Title" readings.
     */
    public static Set<String> titleKeys(ParsedEntry entry) {
        Set<String> keys = new TreeSet<>();
        keys.add(TrackNormalizer.title(entry.title()).key());
        if (entry.artists().isEmpty()) {
            TrackNormalizer.uploadTitleReadings(entry.title()).forEach(reading -> keys.add(TrackNormalizer.title(reading.title()).key()));
        }
        keys.remove("");
        return keys;
    }

    /**
     * What an entry left on a fallback key waits for: a catalog entry with its title and at least one of
     * its artists (no shared artist never matches), as {@code title:artist} keys, for each reading of it.
     */
    public static Set<String> waitingKeys(ParsedEntry entry) {
        Set<String> keys = new TreeSet<>();
        TrackNormalizer.Title title = TrackNormalizer.title(entry.title());
        TrackNormalizer.allArtists(entry.artists(), title).forEach(artist -> keys.add(songKey(title.key(), artist)));
        if (entry.artists().isEmpty()) {
            TrackNormalizer.uploadTitleReadings(entry.title()).forEach(reading -> {
                TrackNormalizer.Title read = TrackNormalizer.title(reading.title());
                TrackNormalizer.allArtists(List.of(reading.artist()), read).forEach(artist -> keys.add(songKey(read.key(), artist)));
            });
        }
        return keys;
    }

    /** The keys a catalog entry satisfies: its title with each of its artists. */
    public static Set<String> waitingKeys(CatalogEntry entry) {
        Set<String> keys = new TreeSet<>();
        entry.artists().forEach(artist -> keys.add(songKey(entry.titleKey(), artist)));
        return keys;
    }

    /** Normalised titles and artists are letters, digits and spaces, so the colon separates them. */
    private static String songKey(String titleKey, String artist) {
        return titleKey + ":" + artist;
    }

    private Optional<Resolution> splitTitleMatch(String raw, Function<String, List<CatalogEntry>> candidates) {
        // "Artist - Title" is usual, "Title - Artist" happens: try both, keep the surer one
        return TrackNormalizer.uploadTitleReadings(raw).stream()
                .map(reading -> {
                    TrackNormalizer.Title title = TrackNormalizer.title(reading.title());
                    Set<String> artists = TrackNormalizer.allArtists(List.of(reading.artist()), title);
                    return bestMatch(title, artists, candidates, TrackNormalizer.UPLOAD_TITLE_FACTOR, MatchMethod.CATALOG);
                })
                .flatMap(Optional::stream)
                .max(Comparator.comparingDouble(Resolution::confidence));
    }

    private Optional<Resolution> bestMatch(TrackNormalizer.Title title, Set<String> artists,
            Function<String, List<CatalogEntry>> candidates, double factor, MatchMethod method) {
        if (title.key().isEmpty() || artists.isEmpty()) {
            return Optional.empty();
        }
        return candidates.apply(title.key()).stream()
                .filter(candidate -> candidate.titleKey().equals(title.key()))
                .map(candidate -> new Resolution(candidate.isrc(), candidate.isrc(), method,
                        factor * TrackNormalizer.artistSimilarity(artists, candidate.artists())))
                .filter(resolution -> resolution.confidence() >= minConfidence)
                .min(Comparator.comparingDouble(Resolution::confidence).reversed().thenComparing(Resolution::trackKey));
    }

    private static Resolution fallback(MusicService service, ParsedEntry entry, TrackNormalizer.Title title,
            Set<String> artists) {
        if (service == MusicService.SPOTIFY && entry.serviceTrackId() != null) {
            return new Resolution(TrackKeys.spotify(entry.serviceTrackId()), null, MatchMethod.FALLBACK, 0);
        }
        String identity = String.join(",", artists) + "::" + (title.key().isEmpty() ? entry.title() : title.key());
        return new Resolution(TrackKeys.hash(EventIds.sha256(identity).substring(0, 16)), null, MatchMethod.FALLBACK, 0);
    }
}
