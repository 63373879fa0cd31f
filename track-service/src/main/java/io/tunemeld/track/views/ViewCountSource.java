package io.tunemeld.track.views;

import io.tunemeld.schemas.MusicService;
import java.util.Map;

/** Where one service's view or play counts come from. */
public interface ViewCountSource {

    /** The service whose counts these are; its URL of each canonical track is what gets counted. */
    MusicService service();

    /** Off (for example without an API key): the run skips it and says so. */
    boolean available();

    /**
     * Counts of the given tracks.
     *
     * @param urls the track's URL on this service, by ISRC
     * @return per ISRC a count or the reason there is none (a failed call fails the tracks it was for)
     */
    Map<String, ViewCount> fetch(Map<String, String> urls);

    /** A count, or why it could not be read. */
    record ViewCount(Long count, String failure) {

        public static ViewCount of(long count) {
            return new ViewCount(count, null);
        }

        public static ViewCount failed(String reason) {
            return new ViewCount(null, reason);
        }
    }
}
