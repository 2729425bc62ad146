package io.hirestream.funnel.topology;

import io.hirestream.funnel.domain.ApplicationState;
import io.hirestream.funnel.domain.FunnelCounts;

/** The funnel's binary encodings, for instances that hand each other parts of their state. */
public final class FunnelCodec {

    private FunnelCodec() {
    }

    public static byte[] encode(FunnelCounts counts) {
        return StateSerdes.counts().serializer().serialize(null, counts);
    }

    public static FunnelCounts decodeCounts(byte[] bytes) {
        return StateSerdes.counts().deserializer().deserialize(null, bytes);
    }

    public static byte[] encode(ApplicationState state) {
        return StateSerdes.applicationState().serializer().serialize(null, state);
    }

    public static ApplicationState decodeApplication(byte[] bytes) {
        return StateSerdes.applicationState().deserializer().deserialize(null, bytes);
    }
}
