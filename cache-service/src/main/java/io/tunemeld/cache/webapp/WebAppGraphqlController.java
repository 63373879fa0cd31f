package io.tunemeld.cache.webapp;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The web app posts each operation to a path of its own name: {@code POST /api/GetPlaylist/}. */
@RestController
class WebAppGraphqlController {

    /** The path of every operation; CORS and the app's own port serve exactly these. */
    static final String PATH = "/api/{operationName}/";
    static final Pattern OPERATION = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private final WebAppGraphql graphql;

    WebAppGraphqlController(WebAppGraphql graphql) {
        this.graphql = graphql;
    }

    record Request(String query, Map<String, Object> variables) {
    }

    /** The operation named in the path is the one executed: a query whose operation has another name is refused. */
    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> execute(@PathVariable String operationName, @RequestBody Request request) {
        if (!OPERATION.matcher(operationName).matches()) {
            return refused("the operation's name must be a GraphQL name of at most 64 characters");
        }
        if (request.query() == null || request.query().isBlank()) {
            return refused("the body must carry a query");
        }
        return ResponseEntity.ok(graphql.execute(operationName, request.query(), request.variables()));
    }

    private static ResponseEntity<Map<String, Object>> refused(String message) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(Map.of("errors", List.of(Map.of("message", message))));
    }
}
