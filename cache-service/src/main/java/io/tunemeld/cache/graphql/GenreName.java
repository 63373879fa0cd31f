package io.tunemeld.cache.graphql;

import java.util.regex.Pattern;

/** The shape of a genre name where one arrives as an argument: refused before it reaches a key or a query. */
public final class GenreName {

    private static final Pattern GENRE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private GenreName() {
    }

    /** @throws InvalidArgumentException when the name cannot be a genre's */
    public static String require(String genre) {
        if (!GENRE.matcher(genre).matches()) {
            throw new InvalidArgumentException("genre must be letters, digits, '-' or '_' (at most 64), was "
                    + InvalidArgumentException.quoted(genre));
        }
        return genre;
    }
}
