package io.tunemeld.cache.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlayCountFormatsTest {

    @ParameterizedTest
    @CsvSource({"50,50", "999,999", "1560,1.560K", "3967,3.967K", "100400,100.4K", "234500000,234.5M", "3653000000,3.653B",
        "1000,1.000K", "45678,45.68K", "0,0"})
    void countsAreAbbreviatedToFiveOrSixCharacters(long count, String printed) {
        assertThat(PlayCountFormats.abbreviated(count)).isEqualTo(printed);
    }

    @ParameterizedTest
    @CsvSource({"0.23,+.23", "-1.45,-1.4", "23.456,+23", "-156.78,-157", "1234.5,+123", "0.0,0", "10.0,+10", "-0.5,-.50"})
    void changesArePrintedWithTheirSign(double change, String printed) {
        assertThat(PlayCountFormats.percentage(change)).isEqualTo(printed);
    }

    @org.junit.jupiter.api.Test
    void nothingCountedPrintsZero() {
        assertThat(PlayCountFormats.abbreviated(null)).isEqualTo("0");
        assertThat(PlayCountFormats.percentage(null)).isEqualTo("0");
    }
}
