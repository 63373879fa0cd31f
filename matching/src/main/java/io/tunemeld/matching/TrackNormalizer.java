package io.tunemeld.matching;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * Normalises titles and artists so the same song matches across services: HTML entities decoded, case
 * and diacritics folded, featured-artist credits moved out of the title into the artist set, a leading
 * "The " ignored, artists compared as a set whatever the separator. Version markers (Remastered, Live,
 * Remix, Sped Up, Taylor's Version, ...) stay in the title: they are a different recording. Source tags
 * ("(From F1® The Movie)", "(Original Motion Picture Soundtrack)") name where a song was used, not a
 * recording, and are dropped.
 */
public final class TrackNormalizer {

    private static final Pattern BRACKETED_FEATURE = Pattern.compile(
            "[(\\[]\\s*(?:feat\\.?|ft\\.?|featuring|with)\\s+([^)\\]]+)[)\\]]");
    private static final Pattern TRAILING_FEATURE = Pattern.compile("\\s(?:feat\\.?|ft\\.?|featuring)\\s+(.+)$");
    private static final Pattern ARTIST_SEPARATORS = Pattern.compile(
            "\\s*(?:,|&|;|/|\\+|\\s+x\\s+|\\s+and\\s+|\\s+feat\\.?\\s+|\\s+ft\\.?\\s+|\\s+featuring\\s+|\\s+with\\s+|\\s+vs\\.?\\s+)\\s*");
    /**
     * Where a song was used, bracketed or after " - ". "(From The Vault)" names songs of their own and
     * stays; "(Live from ...)" starts with a version marker and stays too.
     */
    private static final Pattern SOURCE_TAG = Pattern.compile(
            "[(\\[]\\s*(?:(?:music\\s+)?from\\s+(?!the\\s+vault\\b)[^)\\]]*"
            + "|(?:original\\s+)?(?:motion\\s+picture\\s+|movie\\s+|film\\s+|tv\\s+|television\\s+)?soundtrack[^)\\]]*)[)\\]]"
            + "|\\s-\\s+(?:music\\s+)?from\\s+(?!the\\s+vault\\b).*$");
    /** What SoundCloud account names add to an artist's: "LordeMusic", "Tate McRae Official", "…VEVO". */
    private static final Pattern ACCOUNT_SUFFIX = Pattern.compile("(.{2,}?)(?:official|vevo|music)$");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final String LEADING_THE = "the ";
    private static final String UPLOAD_TITLE_SEPARATOR = " - ";
    /** A match through a reading of an upload's title is less certain than one through a stated artist. */
    public static final double UPLOAD_TITLE_FACTOR = 0.9;

    private TrackNormalizer() {
    }

    /** A title reduced to its identity, with the artists it credits as featured. */
    public record Title(String key, Set<String> featuredArtists) {
    }

    public static Title title(String raw) {
        String text = SOURCE_TAG.matcher(fold(raw)).replaceAll(" ");
        Set<String> featured = new TreeSet<>();
        Matcher bracketed = BRACKETED_FEATURE.matcher(text);
        StringBuilder rest = new StringBuilder();
        while (bracketed.find()) {
            featured.addAll(splitArtists(bracketed.group(1)));
            bracketed.appendReplacement(rest, " ");
        }
        bracketed.appendTail(rest);
        text = rest.toString();
        Matcher trailing = TRAILING_FEATURE.matcher(text);
        if (trailing.find()) {
            featured.addAll(splitArtists(trailing.group(1)));
            text = text.substring(0, trailing.start());
        }
        return new Title(stripThe(words(text)), featured);
    }

    /** One way to read an upload's title as artist and title. */
    public record Reading(String artist, String title) {
    }

    /**
     * An upload without a stated artist (SoundCloud with no publisher) is often titled "Artist - Title",
     * sometimes "Title - Artist": both readings, or none when the title has no " - ". The uploader's
     * channel name is never taken for the artist.
     */
    public static List<Reading> uploadTitleReadings(String raw) {
        int at = raw == null ? -1 : raw.indexOf(UPLOAD_TITLE_SEPARATOR);
        if (at < 0) {
            return List.of();
        }
        String left = raw.substring(0, at);
        String right = raw.substring(at + UPLOAD_TITLE_SEPARATOR.length());
        return List.of(new Reading(left, right), new Reading(right, left));
    }

    /** Every credited artist, split on any separator, normalised, as a sorted set. */
    public static Set<String> artists(List<String> raw) {
        Set<String> artists = new TreeSet<>();
        raw.forEach(name -> artists.addAll(splitArtists(fold(name))));
        return artists;
    }

    /** The first credited artist, normalised: the one a service that credits only one names. Null without any. */
    public static String primaryArtist(List<String> raw) {
        for (String name : raw) {
            List<String> split = splitArtists(fold(name));
            if (!split.isEmpty()) {
                return split.get(0);
            }
        }
        return null;
    }

    /**
     * A normalised artist read as a SoundCloud account's name might spell it: without spaces, and without
     * an account suffix ("lordemusic" and "lorde" both give "lorde").
     */
    public static String accountName(String artist) {
        String joined = artist.replace(" ", "");
        Matcher suffix = ACCOUNT_SUFFIX.matcher(joined);
        return suffix.matches() ? suffix.group(1) : joined;
    }

    /** The artists of an entry and those its title features, as one set. */
    public static Set<String> allArtists(List<String> raw, Title title) {
        Set<String> all = new TreeSet<>(artists(raw));
        all.addAll(title.featuredArtists());
        return all;
    }

    /** 1 for the same set; shared artists count for more the larger their share; no shared artist is 0. */
    public static double artistSimilarity(Set<String> a, Set<String> b) {
        Set<String> common = new TreeSet<>(a);
        common.retainAll(b);
        if (common.isEmpty()) {
            return 0;
        }
        Set<String> union = new TreeSet<>(a);
        union.addAll(b);
        return 0.5 + 0.5 * common.size() / union.size();
    }

    private static List<String> splitArtists(String folded) {
        List<String> names = new ArrayList<>();
        for (String part : ARTIST_SEPARATORS.split(folded)) {
            String name = stripThe(words(part));
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    private static String fold(String raw) {
        String text = raw == null ? "" : raw;
        // every entry is folded several times over (matching, waiting keys, catalog): the work is skipped
        // where it cannot change anything, as for most titles, which are ASCII without entities
        if (text.indexOf('&') >= 0) {
            text = HtmlUtils.htmlUnescape(text);
        }
        if (!isAscii(text)) {
            text = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** The runs of letters and digits (Unicode's L and N), joined by single spaces. */
    private static String words(String text) {
        StringBuilder words = new StringBuilder(text.length());
        boolean gap = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (isWordCharacter(c)) {
                if (gap && !words.isEmpty()) {
                    words.append(' ');
                }
                gap = false;
                words.appendCodePoint(c);
            } else {
                gap = true;
            }
        }
        return words.toString();
    }

    private static boolean isWordCharacter(int c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
        }
        int type = Character.getType(c);
        return Character.isLetter(c) || type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    private static String stripThe(String text) {
        return text.startsWith(LEADING_THE) && text.length() > LEADING_THE.length() ? text.substring(LEADING_THE.length()) : text;
    }
}
