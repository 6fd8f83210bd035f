package org.backcare.progress.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SvgTest {

    @Test
    void aNumberIsWrittenWithOneDecimalExactlyAsTheFormatterWritesIt() {
        double[] edges = {
            0,
            -0.0,
            0.04,
            -0.04,
            0.05,
            -0.05,
            0.15,
            0.25,
            0.35,
            0.45,
            1.875,
            0.625,
            12.45,
            99.95,
            99.96,
            -1.25,
            9.95,
            1e9 + 0.05,
            123456.789,
            5 + 4 * 1.25,
            (12 - 2 - 6.25) / 2,
            30 + 52 * 12 + 1.875
        };
        for (double value : edges) {
            assertThat(Svg.n(value)).as("%s", value).isEqualTo(String.format(Locale.ROOT, "%.1f", value));
        }
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            double value = switch (i % 4) {
                case 0 -> random.nextDouble(-1000, 1000);
                case 1 -> random.nextInt(-100_000, 100_000) / 100.0; // two decimals: ties on the second
                case 2 -> random.nextInt(0, 10_000) / 8.0; // what the charts' geometry gives
                default -> random.nextDouble(0, 1);
            };
            assertThat(Svg.n(value)).as("%s", value).isEqualTo(String.format(Locale.ROOT, "%.1f", value));
        }
    }

    @Test
    void aWholeValueIsWrittenWithoutDecimalsAndAnyOtherWithOne() {
        assertThat(Svg.fmt(42)).isEqualTo("42");
        assertThat(Svg.fmt(-3)).isEqualTo("-3");
        assertThat(Svg.fmt(2.25)).isEqualTo("2.3");
        assertThat(Svg.fmt(7.04)).isEqualTo("7.0");
    }

    @Test
    void aNumberThatIsNotFiniteIsWrittenAsJavaWritesIt() {
        assertThat(Svg.n(Double.NaN)).isEqualTo("NaN");
        assertThat(Svg.n(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
    }
}
