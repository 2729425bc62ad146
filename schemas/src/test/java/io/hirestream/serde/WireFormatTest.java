package io.hirestream.serde;

import io.hirestream.serde.UndeserializableRecordException.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireFormatTest {

    @Test
    void readsTheBigEndianSchemaIdAfterTheMagicByte() {
        assertThat(WireFormat.schemaId("t", new byte[]{0, 0, 0, 1, 2, 42})).isEqualTo(258);
    }

    @Test
    void aFirstByteOtherThanZeroIsAWrongMagicByte() {
        assertThatThrownBy(() -> WireFormat.schemaId("hiring.applications.applied.v1", "{\"a\":1}".getBytes()))
                .isInstanceOfSatisfying(UndeserializableRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.WRONG_MAGIC_BYTE);
                    assertThat(e.topic()).isEqualTo("hiring.applications.applied.v1");
                    assertThat(e.getMessage()).contains("0x7b");
                });
    }

    @Test
    void fewerThanFiveBytesOrNoneAreTruncated() {
        assertThatThrownBy(() -> WireFormat.schemaId("t", new byte[]{0, 0, 1}))
                .isInstanceOfSatisfying(UndeserializableRecordException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED));
        assertThatThrownBy(() -> WireFormat.schemaId("t", new byte[0]))
                .isInstanceOfSatisfying(UndeserializableRecordException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED));
    }
}
