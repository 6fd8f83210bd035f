package org.backcare.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written time stamps are the JavaTimeModule's, character for character. */
class OffsetDateTimeTextTest {

    private static final long YEAR_0 =
            OffsetDateTime.parse("0000-01-01T00:00:00Z").toEpochSecond();
    private static final long YEAR_9999 =
            OffsetDateTime.parse("9999-12-31T23:59:59Z").toEpochSecond();

    /** The application's mapper, as Quarkus and StrictJson make it. */
    private static ObjectMapper application() {
        ObjectMapper json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        new StrictJson().customize(json);
        return json;
    }

    /** The JavaTimeModule alone: what the text must equal. */
    private static ObjectMapper javaTimeModule() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    @Test
    void twoHundredThousandRandomTimesAreWrittenAsTheIsoFormatterWritesThem() {
        Random random = new Random(20261202);
        for (int i = 0; i < 200_000; i++) {
            OffsetDateTime time = randomTime(random);
            assertThat(OffsetDateTimeText.text(time))
                    .as("%s", time)
                    .isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
        }
    }

    @Test
    void theEdgesOfTheFormatAreWrittenAsTheIsoFormatterWritesThem() {
        for (String time : List.of(
                "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999-18:00",
                "2026-03-29T01:59:59.000000001+01:00",
                "2026-12-02T15:20:00Z",
                "2026-12-02T15:20:00.100Z",
                "2026-12-02T15:20:00.000100+05:30",
                "2026-12-02T15:20:00.5+18:00",
                "2026-12-02T15:20:00-00:30",
                "2026-12-02T15:20:00+01:02:03",
                "2026-12-02T15:20:00-01:02:03")) {
            OffsetDateTime parsed = OffsetDateTime.parse(time);
            assertThat(OffsetDateTimeText.text(parsed))
                    .as(time)
                    .isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(parsed));
        }
    }

    @Test
    void theApplicationsMapperWritesWhatTheJavaTimeModuleWritesAlsoOutsideTheFourDigitYears()
            throws JsonProcessingException {
        ObjectMapper application = application();
        ObjectMapper reference = javaTimeModule();
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            OffsetDateTime time = randomTime(random);
            assertThat(application.writeValueAsString(new Stamped(time, List.of(time))))
                    .isEqualTo(reference.writeValueAsString(new Stamped(time, List.of(time))));
        }
        for (String time : List.of("+10000-01-01T00:00:00Z", "-0001-06-01T12:00:00.25+02:00")) {
            OffsetDateTime parsed = OffsetDateTime.parse(time);
            assertThat(application.writeValueAsString(parsed)).isEqualTo(reference.writeValueAsString(parsed));
        }
    }

    @Test
    void aMapperThatWritesTimestampsStillWritesTimestamps() throws JsonProcessingException {
        OffsetDateTime time = OffsetDateTime.parse("2026-12-02T15:20:00.123456+01:00");
        ObjectMapper application = application().enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        ObjectMapper reference = javaTimeModule().enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

        assertThat(application.writeValueAsString(time))
                .isEqualTo(reference.writeValueAsString(time))
                .matches("\\d+\\.123456000");
    }

    record Stamped(OffsetDateTime at, List<OffsetDateTime> times) {}

    /** Any instant of the years 0 to 9999, a fraction of 0 to 9 digits, an offset of whole hours, minutes or seconds. */
    private static OffsetDateTime randomTime(Random random) {
        long second = YEAR_0 + (long) (random.nextDouble() * (YEAR_9999 - YEAR_0));
        int nano = switch (random.nextInt(5)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1000;
            default -> random.nextInt(1_000_000_000);
        };
        int offset = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> (random.nextInt(37) - 18) * 3600;
            case 2 -> (random.nextInt(18 * 8 + 1) - 18 * 4) * 900;
            default -> random.nextInt(2 * 64_800 + 1) - 64_800;
        };
        return Instant.ofEpochSecond(second, nano).atOffset(ZoneOffset.ofTotalSeconds(offset));
    }
}
