package io.tunemeld.cache.graphql;

/** A list argument (page size, offset, days) outside what the API serves. */
class PageOutOfRangeException extends RuntimeException {

    PageOutOfRangeException(String message) {
        super(message);
    }
}
