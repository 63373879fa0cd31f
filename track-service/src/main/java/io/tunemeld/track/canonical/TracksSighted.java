package io.tunemeld.track.canonical;

import java.util.Map;
import java.util.Set;

/**
 * Tracks just saved from a batch of sightings, with the genres they were seen in: published (in-process)
 * after the tracks are committed, for whatever follows a track's arrival (its enrichment).
 */
public record TracksSighted(Map<String, Set<String>> genresByTrack) {
}
