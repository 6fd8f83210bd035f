package org.backcare.progress.projection;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows of one table in PostgreSQL's binary COPY format, sent with {@code COPY ... FROM STDIN (FORMAT binary)}: the
 * cheapest way to write many rows, for the server (no text to parse, one statement) and for us (no arrays of
 * strings). Fields are added in the order of the column list; {@link #row} starts each row.
 */
public final class BinaryCopy {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final long POSTGRES_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final long POSTGRES_EPOCH_SECONDS =
            OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toEpochSecond();

    private final String table;
    private final String columns;
    private final int fields;
    private byte[] buffer = new byte[1 << 16];
    private int length;
    private int rows;

    /** A COPY into {@code table} of {@code columns} (comma-separated, in the order the fields are added). */
    public BinaryCopy(String table, String columns) {
        this.table = table;
        this.columns = columns;
        this.fields = columns.split(",").length;
        bytes(SIGNATURE);
        int4Raw(0); // flags
        int4Raw(0); // header extension length
    }

    public int rows() {
        return rows;
    }

    public BinaryCopy row() {
        rows++;
        int2Raw(fields);
        return this;
    }

    public BinaryCopy uuid(UUID value) {
        if (value == null) {
            return nul();
        }
        int4Raw(16);
        int8Raw(value.getMostSignificantBits());
        int8Raw(value.getLeastSignificantBits());
        return this;
    }

    public BinaryCopy text(String value) {
        if (value == null) {
            return nul();
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        int4Raw(utf8.length);
        bytes(utf8);
        return this;
    }

    public BinaryCopy int4(Integer value) {
        if (value == null) {
            return nul();
        }
        int4Raw(4);
        int4Raw(value);
        return this;
    }

    public BinaryCopy int2(Integer value) {
        if (value == null) {
            return nul();
        }
        int4Raw(2);
        int2Raw(value);
        return this;
    }

    public BinaryCopy bool(boolean value) {
        int4Raw(1);
        room(1);
        buffer[length++] = (byte) (value ? 1 : 0);
        return this;
    }

    public BinaryCopy date(LocalDate value) {
        if (value == null) {
            return nul();
        }
        int4Raw(4);
        int4Raw((int) (value.toEpochDay() - POSTGRES_EPOCH_DAY));
        return this;
    }

    public BinaryCopy timestamptz(OffsetDateTime value) {
        if (value == null) {
            return nul();
        }
        int4Raw(8);
        int8Raw((value.toEpochSecond() - POSTGRES_EPOCH_SECONDS) * 1_000_000L + value.getNano() / 1_000);
        return this;
    }

    private BinaryCopy nul() {
        int4Raw(-1);
        return this;
    }

    /** Sends the rows (nothing when there are none) on {@code c}; answers how many. */
    public long send(Connection c) throws SQLException {
        if (rows == 0) {
            return 0;
        }
        int2Raw(-1); // trailer
        CopyIn copy = c.unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("copy " + table + " (" + columns + ") from stdin (format binary)");
        try {
            copy.writeToCopy(buffer, 0, length);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private void room(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }

    private void bytes(byte[] value) {
        room(value.length);
        System.arraycopy(value, 0, buffer, length, value.length);
        length += value.length;
    }

    private void int2Raw(int value) {
        room(2);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
    }

    private void int4Raw(int value) {
        room(4);
        buffer[length++] = (byte) (value >>> 24);
        buffer[length++] = (byte) (value >>> 16);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
    }

    private void int8Raw(long value) {
        int4Raw((int) (value >>> 32));
        int4Raw((int) value);
    }
}
