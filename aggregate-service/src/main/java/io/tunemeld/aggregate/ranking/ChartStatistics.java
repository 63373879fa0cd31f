package io.tunemeld.aggregate.ranking;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Chart statistics of a new aggregate from the genre's earlier ones. */
public final class ChartStatistics {

    /** A track's past in a genre: its best rank and the days it was listed. */
    public record History(int peakRank, Set<LocalDate> days) {
    }

    private ChartStatistics() {
    }

    /**
     * @param previousRanks ranks in the genre's previous aggregate, by track key
     * @param history each track's past in the genre (absent: never listed)
     * @param today the day this aggregate counts for
     */
    public static List<ChartEntry> chart(List<RankedTrack> ranked, Map<String, Integer> previousRanks,
            Map<String, History> history, LocalDate today) {
        return ranked.stream().map(track -> {
            Integer previous = previousRanks.get(track.trackKey());
            History past = history.get(track.trackKey());
            int peak = past == null ? track.rank() : Math.min(past.peakRank(), track.rank());
            Set<LocalDate> days = new TreeSet<>(past == null ? Set.of() : past.days());
            days.add(today);
            ChartEntry.Movement movement;
            if (past == null) {
                movement = ChartEntry.Movement.NEW;
            } else if (previous == null) {
                movement = ChartEntry.Movement.RE_ENTRY;
            } else {
                int change = Integer.compare(previous, track.rank());
                movement = change > 0 ? ChartEntry.Movement.UP : change < 0 ? ChartEntry.Movement.DOWN : ChartEntry.Movement.SAME;
            }
            return new ChartEntry(track, previous, peak, days.size(), movement);
        }).toList();
    }
}
