package io.hirestream.service.http;

import io.micronaut.buffer.netty.NettyByteBufferFactory;
import io.micronaut.core.io.buffer.ByteBuffer;
import io.micronaut.core.type.Argument;
import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The strict reader takes a request's body from the buffer Micronaut holds it in, and keeps
 * Micronaut's rule for that buffer: a read that returns has released it, a read that refuses the
 * body leaves it to Micronaut (which releases it then). Either way round would leak pooled memory
 * with every request, or release it twice.
 */
class StrictJsonBodyReaderTest {

    @Serdeable
    record Greeting(String text) implements JsonRequest {
    }

    private final StrictJsonBodyReader<Greeting> reader = new StrictJsonBodyReader<>(JsonMapper.createDefault());

    @Test
    void aBodyItReadsIsBoundAndItsBufferReleased() {
        ByteBuffer<?> body = buffer("{\"text\": \"hello\"}");

        Greeting read = reader.read(Argument.of(Greeting.class), MediaType.APPLICATION_JSON_TYPE, null, body);

        assertThat(read).isEqualTo(new Greeting("hello"));
        assertThat(((ByteBuf) body.asNativeBuffer()).refCnt()).isZero();
    }

    @Test
    void aBodyItRefusesLeavesItsBufferToMicronaut() {
        ByteBuffer<?> body = buffer("{\"text\": \"hello\", \"extra\": 1}");

        assertThatThrownBy(() -> reader.read(Argument.of(Greeting.class), MediaType.APPLICATION_JSON_TYPE, null, body))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("extra");
        assertThat(((ByteBuf) body.asNativeBuffer()).refCnt()).isEqualTo(1);
    }

    private static ByteBuffer<?> buffer(String json) {
        return NettyByteBufferFactory.DEFAULT.copiedBuffer(json.getBytes(StandardCharsets.UTF_8));
    }
}
