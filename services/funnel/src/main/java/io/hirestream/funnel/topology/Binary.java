package io.hirestream.funnel.topology;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * The compact binary encoding of the funnel's state stores and internal topic: variable-length
 * integers, strings, and event ids packed into 16 bytes where they are UUIDs. These bytes never
 * leave the funnel's own changelogs and repartition topic, so they need no registry.
 */
final class Binary {

    private Binary() {
    }

    /** Appends to a growing byte array. */
    static final class Writer {
        private static final ThreadLocal<Writer> REUSED = ThreadLocal.withInitial(Writer::new);

        private byte[] bytes = new byte[128];
        private int size;

        /** This thread's writer, emptied: serializers call this once per value instead of allocating. */
        static Writer reused() {
            Writer writer = REUSED.get();
            writer.size = 0;
            return writer;
        }

        Writer writeByte(int value) {
            ensure(1);
            bytes[size++] = (byte) value;
            return this;
        }

        Writer writeVarLong(long value) {
            long zigzag = (value << 1) ^ (value >> 63);
            ensure(10);
            while ((zigzag & ~0x7FL) != 0) {
                bytes[size++] = (byte) ((zigzag & 0x7F) | 0x80);
                zigzag >>>= 7;
            }
            bytes[size++] = (byte) zigzag;
            return this;
        }

        Writer writeLong(long value) {
            ensure(8);
            for (int i = 7; i >= 0; i--) {
                bytes[size++] = (byte) (value >>> (8 * i));
            }
            return this;
        }

        Writer writeString(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            writeVarLong(utf8.length);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
            return this;
        }

        /** An event id: 16 bytes where it is a canonical UUID (nearly always), else the string. */
        Writer writeEventId(String eventId) {
            UUID uuid = canonicalUuid(eventId);
            if (uuid != null) {
                writeByte(1).writeLong(uuid.getMostSignificantBits()).writeLong(uuid.getLeastSignificantBits());
            } else {
                writeByte(0).writeString(eventId);
            }
            return this;
        }

        byte[] toBytes() {
            return Arrays.copyOf(bytes, size);
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }

    /** Reads what a {@link Writer} wrote. */
    static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        /** True while bytes are left to read. */
        boolean hasMore() {
            return position < bytes.length;
        }

        int readByte() {
            return bytes[position++] & 0xFF;
        }

        long readVarLong() {
            long zigzag = 0;
            int shift = 0;
            while (true) {
                byte b = bytes[position++];
                zigzag |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    break;
                }
                shift += 7;
            }
            return (zigzag >>> 1) ^ -(zigzag & 1);
        }

        long readLong() {
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (bytes[position++] & 0xFF);
            }
            return value;
        }

        String readString() {
            int length = (int) readVarLong();
            String value = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return value;
        }

        String readEventId() {
            if (readByte() == 1) {
                return new UUID(readLong(), readLong()).toString();
            }
            return readString();
        }
    }

    /** The UUID whose canonical (lower-case) text is exactly this id, or null (then the id is kept as text). */
    static UUID canonicalUuid(String id) {
        if (id.length() != 36) {
            return null;
        }
        long most = 0;
        long least = 0;
        int digits = 0;
        for (int i = 0; i < 36; i++) {
            char c = id.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return null;
                }
                continue;
            }
            int value;
            if (c >= '0' && c <= '9') {
                value = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                value = c - 'a' + 10;
            } else {
                return null;
            }
            if (digits < 16) {
                most = (most << 4) | value;
            } else {
                least = (least << 4) | value;
            }
            digits++;
        }
        return new UUID(most, least);
    }
}
