package io.hirestream.service;

import java.time.Duration;

/** Waiting before a retry, in the background threads that follow or write topics. */
public final class Pauses {

    private Pauses() {
    }

    /** Sleeps, keeping the interrupt for the caller's loop to see. */
    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
