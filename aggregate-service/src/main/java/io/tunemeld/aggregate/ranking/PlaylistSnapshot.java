package io.tunemeld.aggregate.ranking;

import io.tunemeld.schemas.MusicService;
import java.time.Instant;
import java.util.List;

/**
 * The snapshot in force of one service's playlist for a genre.
 *
 * @param length the playlist's length as fetched (every entry counts, parsed or not)
 */
public record PlaylistSnapshot(MusicService service, Instant fetchedAt, int length, List<Entry> entries) {

    /** One entry; {@code matchMethod} and {@code matchConfidence} say how its track key was found. */
    public record Entry(int position, String trackKey, String isrc, String title, List<String> artists,
            String matchMethod, double matchConfidence) {
    }
}
