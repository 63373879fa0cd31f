package io.tunemeld.normalizer.snapshot;

import io.tunemeld.normalizer.identity.Resolution;
import io.tunemeld.normalizer.payload.ParsedEntry;

public record ResolvedEntry(ParsedEntry entry, Resolution resolution) {
}
