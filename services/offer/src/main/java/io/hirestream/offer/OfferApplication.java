package io.hirestream.offer;

import io.micronaut.runtime.Micronaut;

/** The offer service: {@code java -jar services/offer/target/hirestream-offer.jar}. */
public final class OfferApplication {

    private OfferApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(OfferApplication.class).banner(false).start();
    }
}
