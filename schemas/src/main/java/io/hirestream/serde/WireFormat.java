package io.hirestream.serde;

import java.nio.ByteBuffer;

/**
 * The Confluent wire format: byte 0x00, the schema id as a 4-byte big-endian int, then the Avro
 * binary encoding of the value.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0x0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** The schema id of a framed record, or a typed error where the frame is not there. */
    public static int schemaId(String topic, byte[] bytes) {
        if (bytes.length == 0) {
            throw new UndeserializableRecordException(UndeserializableRecordException.Reason.TRUNCATED, topic, -1,
                    "empty value", null);
        }
        if (bytes[0] != MAGIC_BYTE) {
            throw new UndeserializableRecordException(UndeserializableRecordException.Reason.WRONG_MAGIC_BYTE, topic, -1,
                    String.format("first byte is 0x%02x, expected 0x00", bytes[0]), null);
        }
        if (bytes.length < HEADER_SIZE) {
            throw new UndeserializableRecordException(UndeserializableRecordException.Reason.TRUNCATED, topic, -1,
                    bytes.length + " bytes, fewer than the 5-byte header", null);
        }
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }

    static void writeHeader(ByteBuffer buffer, int schemaId) {
        buffer.put(MAGIC_BYTE).putInt(schemaId);
    }
}
