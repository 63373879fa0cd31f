package io.tunemeld.cache.webapp;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Counts and changes as the web app prints them in its narrow columns: five or six characters. */
final class PlayCountFormats {

    private static final long[] THRESHOLDS = {1_000_000_000L, 1_000_000L, 1_000L};
    private static final String[] SUFFIXES = {"B", "M", "K"};

    private PlayCountFormats() {
    }

    /** 50 as "50", 1,560 as "1.560K", 100,400 as "100.4K", 234,500,000 as "234.5M"; none as "0". */
    static String abbreviated(Long count) {
        if (count == null || count == 0) {
            return "0";
        }
        for (int i = 0; i < THRESHOLDS.length; i++) {
            if (Math.abs(count) >= THRESHOLDS[i]) {
                double value = (double) count / THRESHOLDS[i];
                // three decimals below 10, two below 100, one above: four digits
                int decimals = Math.abs(value) < 10 ? 3 : Math.abs(value) < 100 ? 2 : 1;
                return rounded(value, decimals).toPlainString() + SUFFIXES[i];
            }
        }
        return Long.toString(count);
    }

    /** +23 for 23.456 %, -1.4 for -1.45, +.23 for 0.23, -157 for -156.78; none or no change as "0". */
    static String percentage(Double change) {
        if (change == null || change == 0.0) {
            return "0";
        }
        double size = Math.abs(change);
        if (size >= 100) {
            String whole = signed(change, 0);
            return whole.substring(0, Math.min(4, whole.length()));
        }
        if (size >= 10) {
            return signed(change, 0);
        }
        if (size >= 1) {
            return signed(change, 1);
        }
        return (change > 0 ? "+" : "-") + rounded(size, 2).toPlainString().substring(1);
    }

    private static String signed(double value, int decimals) {
        BigDecimal rounded = rounded(value, decimals);
        return (rounded.signum() >= 0 ? "+" : "") + rounded.toPlainString();
    }

    /** Rounded from the double's exact value, half to even: 1.45 is stored a little below, and prints as 1.4. */
    private static BigDecimal rounded(double value, int decimals) {
        return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN);
    }
}
