package io.tunemeld.cache.readmodel;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Plain HTTP next to GraphQL: a genre's aggregate exactly as cached (the cheapest read this server can
 * make, and the baseline the API benchmark compares GraphQL with), and a refill of an emptied Redis.
 */
@RestController
class ReadModelController {

    private final ReadModel readModel;
    private final ReadModelWarmer warmer;

    ReadModelController(ReadModel readModel, ReadModelWarmer warmer) {
        this.readModel = readModel;
        this.warmer = warmer;
    }

    @GetMapping(path = "/api/aggregates/{genre}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> aggregate(@PathVariable String genre) {
        return ResponseEntity.of(readModel.aggregateDocument(genre));
    }

    @PostMapping("/api/cache/warm")
    Map<String, Integer> warm() {
        return Map.of("keys", warmer.warm());
    }
}
