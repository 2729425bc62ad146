package io.hirestream.stack;

/** The poll interval of the stack's readiness checks. */
final class Pause {

    private Pause() {
    }

    static void briefly() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for the stack");
        }
    }
}
