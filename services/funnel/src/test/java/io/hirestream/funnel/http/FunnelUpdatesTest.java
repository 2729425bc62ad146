package io.hirestream.funnel.http;

import io.hirestream.clients.ClientSettings;
import io.hirestream.service.http.ProblemException;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The live stream serves at most its cap of listeners at once, and takes a new one as soon as one leaves. */
class FunnelUpdatesTest {

    private final FunnelUpdates updates = new FunnelUpdates(ClientSettings.of("unused:9092", "mock://updates"), 2);

    @Test
    void aListenerBeyondTheCapIsTurnedAwayWith503UntilAnotherLeaves() {
        Disposable first = Flux.from(updates.events()).subscribe();
        Disposable second = Flux.from(updates.events()).subscribe();

        assertThatThrownBy(updates::events).isInstanceOfSatisfying(ProblemException.class,
                refused -> assertThat(refused.problem().status()).isEqualTo(503));

        first.dispose();
        Disposable third = Flux.from(updates.events()).subscribe();
        assertThatThrownBy(updates::events).isInstanceOf(ProblemException.class);
        second.dispose();
        third.dispose();
    }
}
