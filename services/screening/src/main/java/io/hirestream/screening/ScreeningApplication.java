package io.hirestream.screening;

import io.micronaut.runtime.Micronaut;

/** The screening service: {@code java -jar services/screening/target/hirestream-screening.jar}. */
public final class ScreeningApplication {

    private ScreeningApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(ScreeningApplication.class).banner(false).start();
    }
}
