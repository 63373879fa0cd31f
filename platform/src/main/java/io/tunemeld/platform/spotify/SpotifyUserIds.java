package io.tunemeld.platform.spotify;

import java.util.regex.Pattern;

/**
 * Spotify's user ids: letters, digits, dots, underscores and hyphens. Anything else is refused where it
 * enters (an API answer, a query), since an id goes into the comma-separated list of a follow check and
 * into URLs.
 */
public final class SpotifyUserIds {

    /** What a well-formed id is, for the message that refuses one. */
    public static final String FORM = "1 to 64 letters, digits, '.', '_' or '-'";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private SpotifyUserIds() {
    }

    public static boolean wellFormed(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
