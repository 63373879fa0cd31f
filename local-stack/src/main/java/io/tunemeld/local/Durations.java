package io.tunemeld.local;

import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;
import picocli.CommandLine;

/**
 * Durations as every command reads and writes them. Read in the forms the services' configuration takes:
 * Spring's simple one ({@code 90s}, {@code 5m}, {@code 500ms}) or ISO-8601 ({@code PT5M}). Written in the
 * largest unit that reads at a glance: {@code 850 ms}, {@code 42 s}, {@code 3 min 5 s}, {@code 26 h 4 min}.
 */
public final class Durations {

    private Durations() {
    }

    /** The duration the text gives; a text that gives none is a wrong argument, said in a line. */
    public static Duration parse(String text) {
        Duration duration;
        try {
            duration = DurationStyle.detectAndParse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a duration (90s, 5m, 500ms or PT5M)");
        }
        if (duration.isNegative()) {
            throw new CommandLine.TypeConversionException("'" + text + "' is negative");
        }
        return duration;
    }

    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3_600) {
            return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        long minutes = seconds % 3_600 / 60;
        return seconds / 3_600 + " h" + (minutes == 0 ? "" : " " + minutes + " min");
    }
}
