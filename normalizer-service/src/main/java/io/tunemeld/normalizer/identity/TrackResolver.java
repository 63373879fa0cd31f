package io.tunemeld.normalizer.identity;

import io.tunemeld.matching.Isrc;
import io.tunemeld.matching.TrackKeys;
import io.tunemeld.matching.TrackNormalizer;
import io.tunemeld.normalizer.payload.ParsedEntry;
import io.tunemeld.schemas.EventIds;
import io.tunemeld.schemas.MusicService;
import java.util.Collection;
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
 *
 * <p>Artists match by the share they have in common, and also when both credit the same primary artist
 * and one credits no one the other does not (SoundCloud often credits the primary artist alone). Where
 * no artist matches, an artist read as an account's name ("LordeMusic") matches at a lower confidence,
 * if exactly one track of that title does.
 */
public class TrackResolver {

    /** Both credit the same primary artist, and one of them the others too. */
    static final double PRIMARY_ARTIST_CONFIDENCE = 0.85;
    /** An artist read from an account's name: less certain than a credit. */
    static final double ACCOUNT_NAME_CONFIDENCE = 0.8;
    /** Marks the waiting keys of account-name readings apart from credited artists'. */
    private static final String ACCOUNT_KEY = "@";

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
        return new CatalogEntry(isrc, title.key(), TrackNormalizer.allArtists(entry.artists(), title),
                TrackNormalizer.primaryArtist(entry.artists()));
    }

    /** Whether resolving the entry may consult the catalog: never for one whose payload gives an ISRC. */
    public static boolean consultsCatalog(ParsedEntry entry) {
        return Isrc.parse(entry.isrc()).isEmpty();
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
        String primary = TrackNormalizer.primaryArtist(entry.artists());
        Optional<Resolution> match = bestMatch(title, artists, primary, candidates, 1.0, MatchMethod.CATALOG);
        // no credited artist (a SoundCloud upload without publisher): the title may be "Artist - Title"
        if (match.isEmpty() && entry.artists().isEmpty()) {
            match = splitTitleMatch(entry.title(), candidates);
        }
        if (match.isEmpty() && !title.key().isEmpty() && !entry.artists().isEmpty()) {
            List<CatalogEntry> found = search.find(title.key(), artists);
            match = bestMatch(title, artists, primary, key -> found, 1.0, MatchMethod.SEARCH);
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
     * its artists (no shared artist never matches), or one of them as an account spells it, as
     * {@code title:artist} keys, for each reading of it.
     */
    public static Set<String> waitingKeys(ParsedEntry entry) {
        Set<String> keys = new TreeSet<>();
        TrackNormalizer.Title title = TrackNormalizer.title(entry.title());
        addSongKeys(keys, title.key(), TrackNormalizer.allArtists(entry.artists(), title));
        if (entry.artists().isEmpty()) {
            TrackNormalizer.uploadTitleReadings(entry.title()).forEach(reading -> {
                TrackNormalizer.Title read = TrackNormalizer.title(reading.title());
                addSongKeys(keys, read.key(), TrackNormalizer.allArtists(List.of(reading.artist()), read));
            });
        }
        return keys;
    }

    /** The keys a catalog entry satisfies: its title with each of its artists, also as an account spells it. */
    public static Set<String> waitingKeys(CatalogEntry entry) {
        Set<String> keys = new TreeSet<>();
        addSongKeys(keys, entry.titleKey(), entry.artists());
        return keys;
    }

    private static void addSongKeys(Set<String> keys, String titleKey, Set<String> artists) {
        artists.forEach(artist -> {
            keys.add(songKey(titleKey, artist));
            keys.add(songKey(titleKey, ACCOUNT_KEY + TrackNormalizer.accountName(artist)));
        });
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
                    return bestMatch(title, artists, TrackNormalizer.primaryArtist(List.of(reading.artist())), candidates,
                            TrackNormalizer.UPLOAD_TITLE_FACTOR, MatchMethod.CATALOG);
                })
                .flatMap(Optional::stream)
                .max(Comparator.comparingDouble(Resolution::confidence));
    }

    private Optional<Resolution> bestMatch(TrackNormalizer.Title title, Set<String> artists, String primary,
            Function<String, List<CatalogEntry>> candidates, double factor, MatchMethod method) {
        if (title.key().isEmpty() || artists.isEmpty()) {
            return Optional.empty();
        }
        List<CatalogEntry> sameTitle = candidates.apply(title.key()).stream()
                .filter(candidate -> candidate.titleKey().equals(title.key())).toList();
        Optional<Resolution> credited = sameTitle.stream()
                .map(candidate -> new Resolution(candidate.isrc(), candidate.isrc(), method,
                        factor * artistConfidence(artists, primary, candidate)))
                .filter(resolution -> resolution.confidence() >= minConfidence)
                .min(Comparator.comparingDouble(Resolution::confidence).reversed().thenComparing(Resolution::trackKey));
        if (credited.isPresent()) {
            return credited;
        }
        Set<String> accounts = accountNames(artists);
        List<Resolution> byAccount = sameTitle.stream()
                .filter(candidate -> accountNames(candidate.artists()).equals(accounts))
                .map(candidate -> new Resolution(candidate.isrc(), candidate.isrc(), method, factor * ACCOUNT_NAME_CONFIDENCE))
                .filter(resolution -> resolution.confidence() >= minConfidence)
                .distinct().toList();
        // two tracks of the title that an account's name could be: neither is sure enough
        return byAccount.size() == 1 ? Optional.of(byAccount.get(0)) : Optional.empty();
    }

    /** A catalog entry an entry did not match, and why. */
    public record Refusal(CatalogEntry candidate, String reason) {
    }

    /**
     * For an entry left on a fallback key, the catalog entry closest to matching it and why it did not: of
     * its title, the one whose artists come nearest; else one whose title differs by a version marker and
     * shares an artist. Empty when the catalog holds neither.
     */
    public Optional<Refusal> closestRefused(ParsedEntry entry, Collection<CatalogEntry> catalog) {
        TrackNormalizer.Title title = TrackNormalizer.title(entry.title());
        Optional<Refusal> refusal = closestRefused(title, TrackNormalizer.allArtists(entry.artists(), title),
                TrackNormalizer.primaryArtist(entry.artists()), 1.0, catalog);
        if (refusal.isEmpty() && entry.artists().isEmpty()) {
            // an upload without a stated artist: as it was tried, through each reading of its title
            for (TrackNormalizer.Reading reading : TrackNormalizer.uploadTitleReadings(entry.title())) {
                TrackNormalizer.Title read = TrackNormalizer.title(reading.title());
                refusal = closestRefused(read, TrackNormalizer.allArtists(List.of(reading.artist()), read),
                        TrackNormalizer.primaryArtist(List.of(reading.artist())), TrackNormalizer.UPLOAD_TITLE_FACTOR, catalog);
                if (refusal.isPresent()) {
                    break;
                }
            }
        }
        return refusal;
    }

    private Optional<Refusal> closestRefused(TrackNormalizer.Title title, Set<String> artists, String primary, double factor,
            Collection<CatalogEntry> catalog) {
        if (title.key().isEmpty()) {
            return Optional.empty();
        }
        Comparator<CatalogEntry> nearest = Comparator.comparingDouble(candidate -> artistConfidence(artists, primary, candidate));
        Optional<CatalogEntry> sameTitle = catalog.stream().filter(candidate -> candidate.titleKey().equals(title.key()))
                .max(nearest.thenComparing(CatalogEntry::isrc, Comparator.reverseOrder()));
        if (sameTitle.isPresent()) {
            double confidence = factor * artistConfidence(artists, primary, sameTitle.get());
            return Optional.of(new Refusal(sameTitle.get(), confidence == 0
                    ? "artists: " + artists + " and " + sameTitle.get().artists() + " share none"
                    : "confidence %.2f below MATCH_MIN_CONFIDENCE %.2f".formatted(confidence, minConfidence)));
        }
        return catalog.stream()
                .filter(candidate -> TrackNormalizer.artistSimilarity(artists, candidate.artists()) > 0)
                .filter(candidate -> candidate.titleKey().startsWith(title.key() + " ") || title.key().startsWith(candidate.titleKey() + " "))
                .min(Comparator.comparing(CatalogEntry::isrc))
                .map(candidate -> new Refusal(candidate, "version marker: '" + (candidate.titleKey().length() > title.key().length()
                        ? candidate.titleKey().substring(title.key().length() + 1) : title.key().substring(candidate.titleKey().length() + 1))
                        + "' on one title only"));
    }

    private static double artistConfidence(Set<String> artists, String primary, CatalogEntry candidate) {
        double shared = TrackNormalizer.artistSimilarity(artists, candidate.artists());
        boolean samePrimary = primary != null && primary.equals(candidate.primaryArtist());
        boolean oneCreditsTheOthers = artists.containsAll(candidate.artists()) || candidate.artists().containsAll(artists);
        return samePrimary && oneCreditsTheOthers ? Math.max(shared, PRIMARY_ARTIST_CONFIDENCE) : shared;
    }

    private static Set<String> accountNames(Set<String> artists) {
        Set<String> names = new TreeSet<>();
        artists.forEach(artist -> names.add(TrackNormalizer.accountName(artist)));
        return names;
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
