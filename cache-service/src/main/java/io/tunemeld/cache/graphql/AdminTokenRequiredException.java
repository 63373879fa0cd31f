package io.tunemeld.cache.graphql;

/** An operation only an operator may run, asked without the admin token. */
class AdminTokenRequiredException extends RuntimeException {

    AdminTokenRequiredException(String message) {
        super(message);
    }
}
