package org.backcare.problem;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.ser.OffsetDateTimeSerializer;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * An {@link OffsetDateTime} as JSON text, exactly as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} (and so the
 * JavaTimeModule's serializer) writes it: seconds always, the fraction only when there is one and without trailing
 * zeros, {@code Z} for UTC, the offset's seconds only when it has some. Written digit by digit: the formatter builds
 * a print context and a BigDecimal for every fraction, which made the time stamps a third of the cost of writing a
 * set's event (BENCHMARKS.md, issue 22). Years outside 0 to 9999, and mappers configured to write timestamps or in
 * a time zone of their own, go to the JavaTimeModule's serializer. {@code OffsetDateTimeTextTest} proves the text
 * equal to the formatter's.
 */
final class OffsetDateTimeText extends StdSerializer<OffsetDateTime> {

    /** yyyy-MM-ddTHH:mm:ss.SSSSSSSSS+HH:MM:SS */
    private static final int MAX_LENGTH = 38;

    OffsetDateTimeText() {
        super(OffsetDateTime.class);
    }

    @Override
    public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider)
            throws IOException {
        if (provider.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                || provider.getConfig().hasExplicitTimeZone()
                || value.getYear() < 0
                || value.getYear() > 9999) {
            OffsetDateTimeSerializer.INSTANCE.serialize(value, generator, provider);
            return;
        }
        char[] text = new char[MAX_LENGTH];
        generator.writeString(text, 0, write(value, text));
    }

    /** The text of {@code value} (a year from 0 to 9999). */
    static String text(OffsetDateTime value) {
        char[] text = new char[MAX_LENGTH];
        return new String(text, 0, write(value, text));
    }

    /** Writes {@code value} (a year from 0 to 9999) into {@code text} from 0 on; answers the length. */
    private static int write(OffsetDateTime value, char[] text) {
        int year = value.getYear();
        int p = two(text, 0, year / 100);
        p = two(text, p, year % 100);
        text[p++] = '-';
        p = two(text, p, value.getMonthValue());
        text[p++] = '-';
        p = two(text, p, value.getDayOfMonth());
        text[p++] = 'T';
        p = two(text, p, value.getHour());
        text[p++] = ':';
        p = two(text, p, value.getMinute());
        text[p++] = ':';
        p = two(text, p, value.getSecond());
        int nano = value.getNano();
        if (nano > 0) {
            text[p++] = '.';
            int digits = 9;
            while (nano % 10 == 0) {
                nano /= 10;
                digits--;
            }
            for (int i = p + digits - 1; i >= p; i--) {
                text[i] = (char) ('0' + nano % 10);
                nano /= 10;
            }
            p += digits;
        }
        int offset = value.getOffset().getTotalSeconds();
        if (offset == 0) {
            text[p++] = 'Z';
            return p;
        }
        text[p++] = offset < 0 ? '-' : '+';
        int seconds = Math.abs(offset);
        p = two(text, p, seconds / 3600);
        text[p++] = ':';
        p = two(text, p, seconds / 60 % 60);
        if (seconds % 60 != 0) {
            text[p++] = ':';
            p = two(text, p, seconds % 60);
        }
        return p;
    }

    private static int two(char[] text, int p, int value) {
        text[p] = (char) ('0' + value / 10);
        text[p + 1] = (char) ('0' + value % 10);
        return p + 2;
    }
}
