package io.tunemeld.cache.graphql;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpMethod;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A GraphQL request is a query and its variables, a few kilobytes: a body larger than the limit is refused
 * (413) before it is read, and one whose length is not declared up front (411), so none is read without bound.
 */
class RequestSizeFilter extends OncePerRequestFilter {

    private final DataSize max;

    RequestSizeFilter(DataSize max) {
        this.max = max;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !HttpMethod.POST.matches(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length < 0) {
            refuse(response, HttpServletResponse.SC_LENGTH_REQUIRED, "a GraphQL request must declare its Content-Length");
        } else if (length > max.toBytes()) {
            refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "a GraphQL request may have at most " + max.toBytes() + " bytes (GRAPHQL_MAX_REQUEST_SIZE), not " + length);
        } else {
            chain.doFilter(request, response);
        }
    }

    private static void refuse(HttpServletResponse response, int status, String reason) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain");
        response.getWriter().write(reason + "\n");
    }
}
