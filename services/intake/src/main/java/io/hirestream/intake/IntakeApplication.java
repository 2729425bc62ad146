package io.hirestream.intake;

import io.micronaut.runtime.Micronaut;

/** The intake service: {@code java -jar services/intake/target/hirestream-intake.jar}. */
public final class IntakeApplication {

    private IntakeApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(IntakeApplication.class).banner(false).start();
    }
}
