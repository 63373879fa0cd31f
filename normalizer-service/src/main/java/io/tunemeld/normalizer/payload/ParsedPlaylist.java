package io.tunemeld.normalizer.payload;

import java.util.List;

/**
 * A payload parsed into entries.
 *
 * @param length entries as fetched, including the ones that could not be parsed
 * @param skipped entries that could not be parsed (no title, wrong types)
 */
public record ParsedPlaylist(int length, int skipped, String name, String url, List<ParsedEntry> entries) {

    public ParsedPlaylist {
        entries = List.copyOf(entries);
    }
}
