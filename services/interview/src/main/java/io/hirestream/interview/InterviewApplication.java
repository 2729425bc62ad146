package io.hirestream.interview;

import io.micronaut.runtime.Micronaut;

/** The interview service: {@code java -jar services/interview/target/hirestream-interview.jar}. */
public final class InterviewApplication {

    private InterviewApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(InterviewApplication.class).banner(false).start();
    }
}
