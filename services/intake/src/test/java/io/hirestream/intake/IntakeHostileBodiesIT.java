package io.hirestream.intake;

import io.hirestream.testkit.HostileBodies;
import io.hirestream.testkit.KafkaStack;
import io.hirestream.testkit.Refusals;
import io.hirestream.topics.Topics;
import io.micronaut.http.HttpRequest;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.hirestream.testkit.HostileBodies.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every intake route that takes a body, fed hostile bodies derived from valid ones (against an
 * open requisition, so that anything accepted would be written): each is refused with a 4xx
 * problem within 100 ms, nothing reaches intake's topics, and the CPU is idle afterwards.
 */
class IntakeHostileBodiesIT {

    private static Refusals intake;
    private static String requisitionId;

    @BeforeContainer
    static void start() {
        intake = Refusals.start("intake", false, Topics.APPLIED, Topics.CANDIDATES, Topics.SUBMISSION_RECEIPTS,
                Topics.REQUISITIONS);
        var opened = intake.service().send(HttpRequest.POST("/api/requisitions", write(requisition())));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        requisitionId = opened.body().replaceAll(".*\"requisitionId\":\"([^\"]+)\".*", "$1");
        await().atMost(Duration.ofSeconds(30)).until(() -> intake.service().status("/api/requisitions/" + requisitionId) == 200);
    }

    @AfterContainer
    static void stop() {
        intake.close();
    }

    @BeforeProperty
    void markOffsets() {
        intake.markOffsets();
    }

    @AfterProperty
    void nothingWrittenAndIdle() {
        intake.assertNothingWrittenAndIdle();
    }

    @Property(tries = 400)
    void aHostileApplicationIsRefusedAtOnceAndWritesNothing(@ForAll("applications") String body) {
        intake.refusedQuickly("/api/applications", body);
    }

    @Property(tries = 400)
    void aHostileRequisitionIsRefusedAtOnceAndWritesNothing(@ForAll("requisitions") String body) {
        intake.refusedQuickly("/api/requisitions", body);
    }

    @Provide
    Arbitrary<String> applications() {
        Map<String, Object> candidate = new LinkedHashMap<>();
        candidate.put("name", text("Ada Lovelace"));
        candidate.put("email", text("ada@example.org"));
        candidate.put("countryOfResidence", text("US"));
        candidate.put("yearsOfExperience", "9");
        candidate.put("highestDegree", text("PHD"));
        Map<String, Object> application = new LinkedHashMap<>();
        application.put("requisitionId", text(requisitionId));
        application.put("source", text("REFERRAL"));
        application.put("candidate", candidate);
        return HostileBodies.breaking(application);
    }

    @Provide
    Arbitrary<String> requisitions() {
        return HostileBodies.breaking(requisition());
    }

    private static Map<String, Object> requisition() {
        Map<String, Object> requisition = new LinkedHashMap<>();
        requisition.put("role", text(KafkaStack.unique("Machine Learning Engineer")));
        requisition.put("location", text("Remote, US"));
        requisition.put("department", text("Applied ML"));
        requisition.put("salaryMin", "158950");
        requisition.put("salaryMax", "327000.00");
        requisition.put("currency", text("USD"));
        requisition.put("minYearsOfExperience", "8");
        requisition.put("minDegree", text("MASTERS"));
        requisition.put("eligibleCountries", "[\"US\"]");
        requisition.put("interviewRounds", "[\"TECHNICAL\", \"SYSTEM_DESIGN\"]");
        return requisition;
    }

    private static String write(Map<String, Object> body) {
        StringBuilder json = new StringBuilder("{");
        body.forEach((name, value) -> json.append(json.length() > 1 ? ", " : "").append(text(name)).append(": ").append(value));
        return json.append('}').toString();
    }
}
