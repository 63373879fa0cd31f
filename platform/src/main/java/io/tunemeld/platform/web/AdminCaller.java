package io.tunemeld.platform.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Whether the caller of this request presented the admin token: for an operation that must check it
 * itself, on a path open to everyone (a GraphQL mutation on {@code /graphql}).
 */
public final class AdminCaller {

    static final String ROLE = "ADMIN";

    private AdminCaller() {
    }

    public static boolean isAdmin() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        return caller != null && caller.isAuthenticated()
                && caller.getAuthorities().stream().anyMatch(authority -> ("ROLE_" + ROLE).equals(authority.getAuthority()));
    }
}
