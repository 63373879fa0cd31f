package io.tunemeld.track.views;

import java.util.List;
import java.util.Optional;

/**
 * Whether a day's change of a track's count is far outside its trailing days: a spike (a video going
 * viral, a playlist placement) or a drop (taken down, hidden, a counting change). Far means beyond three
 * standard deviations of the trailing daily changes and at least twice (or at most half) their average,
 * by at least {@link #MIN_CHANGE} views, so that small or noisy tracks raise nothing.
 */
final class ViewCountAlerts {

    /** Trailing days a day is compared with, at most. */
    static final int TRAILING_DAYS = 14;
    /** Fewer trailing days say too little of what is usual. */
    static final int MIN_TRAILING_DAYS = 7;
    /** The least difference from the average that is worth an alert. */
    static final long MIN_CHANGE = 1000;

    enum Kind { SPIKE, DROP }

    record Alert(Kind kind, double trailingAverage) {
    }

    private ViewCountAlerts() {
    }

    /** @param trailing the changes of the days before, newest first; days without one left out */
    static Optional<Alert> of(long change, List<Long> trailing) {
        if (trailing.size() < MIN_TRAILING_DAYS) {
            return Optional.empty();
        }
        List<Long> days = trailing.subList(0, Math.min(TRAILING_DAYS, trailing.size()));
        double average = days.stream().mapToLong(Long::longValue).average().orElseThrow();
        double deviation = Math.sqrt(days.stream().mapToDouble(day -> (day - average) * (day - average)).sum() / days.size());
        double beyond = change - average;
        if (Math.abs(beyond) < MIN_CHANGE || Math.abs(beyond) <= 3 * deviation) {
            return Optional.empty();
        }
        if (beyond > 0 && change >= 2 * average) {
            return Optional.of(new Alert(Kind.SPIKE, average));
        }
        if (beyond < 0 && change <= average / 2) {
            return Optional.of(new Alert(Kind.DROP, average));
        }
        return Optional.empty();
    }
}
