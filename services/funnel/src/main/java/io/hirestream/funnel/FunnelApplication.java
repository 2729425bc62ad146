package io.hirestream.funnel;

import io.micronaut.runtime.Micronaut;

/** The funnel service: {@code java -jar services/funnel/target/hirestream-funnel.jar}. */
public final class FunnelApplication {

    private FunnelApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(FunnelApplication.class).banner(false).start();
    }
}
