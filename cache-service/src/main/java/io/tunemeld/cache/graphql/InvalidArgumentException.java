package io.tunemeld.cache.graphql;

/** An argument the API does not serve: a list page or span outside its range, a malformed track key. */
class InvalidArgumentException extends RuntimeException {

    InvalidArgumentException(String message) {
        super(message);
    }
}
