package io.hirestream.offer;

import io.hirestream.testkit.HostileBodies;
import io.hirestream.testkit.Refusals;
import io.hirestream.topics.Topics;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;

import java.util.Map;


/**
 * Every decision route of the offer service, fed hostile bodies derived from valid ones: each is
 * refused as invalid (400, not the 404 a valid decision on an unknown offer gets) within 100 ms,
 * nothing reaches the offer service's topics, and the CPU is idle afterwards.
 */
class OfferHostileBodiesIT {

    private static final String OFFER = "/api/offers/no-such-application";

    private static Refusals offer;

    @BeforeContainer
    static void start() {
        offer = Refusals.start("offer", true, Topics.OFFER_DECISIONS);
    }

    @AfterContainer
    static void stop() {
        offer.close();
    }

    @BeforeProperty
    void markOffsets() {
        offer.markOffsets();
    }

    @AfterProperty
    void nothingWrittenAndIdle() {
        offer.assertNothingWrittenAndIdle();
    }

    @Property(tries = 300)
    void aHostileApprovalIsRefusedAtOnce(@ForAll("approvals") String body) {
        offer.refusedQuickly(OFFER + "/approve", body);
    }

    @Property(tries = 300)
    void aHostileAdjustmentIsRefusedAtOnce(@ForAll("adjustments") String body) {
        offer.refusedQuickly(OFFER + "/adjust", body);
    }

    @Property(tries = 200)
    void aHostileWithdrawalIsRefusedAtOnce(@ForAll("withdrawals") String body) {
        offer.refusedQuickly(OFFER + "/withdraw", body);
    }

    @Provide
    Arbitrary<String> approvals() {
        return HostileBodies.breaking(Map.of("baseSalary", "160000"));
    }

    @Provide
    Arbitrary<String> adjustments() {
        return HostileBodies.breaking(Map.of("baseSalary", "170000.50"));
    }

    @Provide
    Arbitrary<String> withdrawals() {
        return HostileBodies.breaking(Map.of());
    }
}
