package io.hirestream.serde;

import java.nio.ByteBuffer;

/** Byte buffers as the clients hand them (Avro bytes fields, a failed record's key and value). */
public final class Buffers {

    private Buffers() {
    }

    /** The buffer's remaining bytes, copied, leaving the buffer as it stands; null for null. */
    public static byte[] copy(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
