package io.hirestream.stack;

import java.time.Duration;
import java.util.Map;

/** A program of the local stack: how to start it, which ports it takes, when it is ready. */
public interface Component {

    ManagedProcess process();

    /** Ports it listens on, by what they are for, to check they are free before starting. */
    Map<Integer, String> ports();

    /** Starts it in the background; returns once the process exists. */
    void start();

    /** Blocks until it answers, or fails with the tail of its log. */
    void awaitReady(Duration timeout);

    /** Where clients reach it, for people. */
    String address();

    default String name() {
        return process().name();
    }
}
