package io.hirestream.funnel;

import io.hirestream.funnel.topology.CatchUp;
import io.micronaut.context.annotation.Context;
import org.apache.kafka.streams.KafkaStreams;

/** Starts watching the funnel's lag with the application, so that it commits as its catch-up mode says. */
@Context
public class CatchUpWatch {

    public CatchUpWatch(CatchUp catchUp, KafkaStreams streams) {
        catchUp.watch(streams);
    }
}
