package io.tunemeld.cache.graphql;

/** An argument the APIs do not serve: a list page or span outside its range, a malformed track key or name. */
public class InvalidArgumentException extends RuntimeException {

    public InvalidArgumentException(String message) {
        super(message);
    }

    /** A refused value as a message quotes it: cut short when long. */
    public static String quoted(String value) {
        return "'" + (value.length() <= 64 ? value : value.substring(0, 64) + "...") + "'";
    }
}
