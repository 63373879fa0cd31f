package io.tunemeld.normalizer.snapshot;

import io.tunemeld.normalizer.identity.Resolution;
import java.time.Instant;

/** An entry's resolution as stored, with when it was made (the epoch for one stored before that was kept). */
record StoredResolution(Resolution resolution, Instant resolvedAt) {
}
