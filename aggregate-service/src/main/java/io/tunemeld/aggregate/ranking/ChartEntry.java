package io.tunemeld.aggregate.ranking;

/**
 * A ranked track with its chart history in the genre, as chart users expect (Chartmetric, Soundcharts).
 *
 * @param previousRank rank in the genre's previous aggregate, null when it was not in it
 * @param peakRank best rank ever in this genre, this one included
 * @param daysOnList distinct days (UTC) on which it was in this genre's aggregate, today included
 */
public record ChartEntry(RankedTrack track, Integer previousRank, int peakRank, int daysOnList, Movement movement) {

    public enum Movement {
        /** Never in this genre's aggregate before. */
        NEW,
        /** In an earlier aggregate, but not in the previous one. */
        RE_ENTRY,
        UP,
        DOWN,
        SAME
    }
}
