package io.hirestream.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import io.hirestream.access.Roles;
import io.hirestream.stack.Service;
import io.hirestream.stack.TokenIssuer;
import io.hirestream.testkit.KafkaStack;
import io.hirestream.testkit.SampleEvents;
import io.hirestream.testkit.ScratchFolders;
import io.hirestream.topics.Topics;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what, on the five services as they run: every route of every service, tried
 * without signing in and signed in with each role alone. A route a role may not use answers 403,
 * any route without a (valid) token 401, both as problem+json; a role the route takes gets the
 * route's own answer (2xx here, the targets all exist). The table below is the contract's.
 */
@ExtendWith(PipelineExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteRolesIT {

    /** Anyone at all, signed in or not. */
    private static final Set<String> PUBLIC = Set.of("anonymous");
    private static final Set<String> FUNNEL_READERS = Set.of(Roles.RECRUITER, Roles.HIRING_MANAGER, Roles.ANALYST, Roles.OPS);
    private static final Set<String> LOOP_READERS = Set.of(Roles.INTERVIEWER, Roles.HIRING_MANAGER, Roles.RECRUITER);
    private static final Set<String> OFFER_READERS = Set.of(Roles.RECRUITER, Roles.HIRING_MANAGER);
    private static final Set<String> PEERS = Set.of(Roles.SERVICE, Roles.OPS);
    /** Who calls: nobody signed in, then each role alone. */
    private static final List<String> CALLERS = new ArrayList<>();

    static {
        CALLERS.add("anonymous");
        CALLERS.addAll(Roles.ALL);
    }

    private Pipeline pipeline;
    private String requisitionId;
    private String toClose;
    private String applicationId;
    private int applicationPartition;
    private String candidateId;
    private String pendingRound;
    private String toApprove;
    private String toWithdraw;

    /** A route: how to call it as someone, who may, and what those who may get. */
    private record Route(String name, Set<String> allowed, Function<Pipeline.Caller, Pipeline.Reply> call, int success) {
    }

    @BeforeAll
    void start(KafkaStack stack, Pipeline pipeline) {
        this.pipeline = pipeline;
        requisitionId = pipeline.openRequisition(SampleEvents.SEED_ROLE, SampleEvents.SEED_LOCATION);
        toClose = pipeline.openRequisition("Route Roles " + UUID.randomUUID(), "Remote");
        toApprove = pipeline.draftedOffer(requisitionId);
        toWithdraw = pipeline.draftedOffer(requisitionId);
        Pipeline.Reply submitted = pipeline.anonymous().post(Service.INTAKE, "/api/applications", application());
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        applicationId = submitted.json().path("applicationId").asText();
        candidateId = submitted.json().path("candidateId").asText();
        pendingRound = pipeline.awaitOk(Service.INTERVIEW, "/api/interviews/" + applicationId).path("pendingRounds").get(0).asText();
        pipeline.awaitOk(Service.FUNNEL, "/api/applications/" + applicationId);
        // Java's producers put a key where murmur2 says; the stores hold it on the same partition.
        applicationPartition = Utils.toPositive(Utils.murmur2(applicationId.getBytes(StandardCharsets.UTF_8)))
                % partitions(stack);
    }

    private static int partitions(KafkaStack stack) {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(stack.clientConfigs())) {
            return admin.describeTopics(List.of(Topics.APPLIED.name())).allTopicNames().get()
                    .get(Topics.APPLIED.name()).partitions().size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Route> routes() {
        String app = applicationId;
        List<Route> routes = new ArrayList<>(List.of(
                // intake
                new Route("POST /api/requisitions", Set.of(Roles.RECRUITER),
                        c -> c.post(Service.INTAKE, "/api/requisitions", requisition()), 201),
                new Route("GET /api/requisitions", PUBLIC, c -> c.get(Service.INTAKE, "/api/requisitions"), 200),
                new Route("GET /api/requisitions/{id}", PUBLIC, c -> c.get(Service.INTAKE, "/api/requisitions/" + requisitionId), 200),
                new Route("POST /api/requisitions/{id}/close", Set.of(Roles.RECRUITER),
                        c -> c.post(Service.INTAKE, "/api/requisitions/" + toClose + "/close", ""), 200),
                new Route("POST /api/applications", PUBLIC, c -> c.post(Service.INTAKE, "/api/applications", application()), 202),
                new Route("DELETE /api/candidates/{id}", Set.of(Roles.PRIVACY),
                        c -> c.delete(Service.INTAKE, "/api/candidates/" + candidateId), 200),
                // interview
                new Route("GET /api/interviews", LOOP_READERS, c -> c.get(Service.INTERVIEW, "/api/interviews"), 200),
                new Route("GET /api/interviews/{id}", LOOP_READERS, c -> c.get(Service.INTERVIEW, "/api/interviews/" + app), 200),
                new Route("POST /api/interviews/{id}/feedback", Set.of(Roles.INTERVIEWER),
                        c -> c.post(Service.INTERVIEW, "/api/interviews/" + app + "/feedback",
                                "{\"round\": \"" + pendingRound + "\", \"recommendation\": \"YES\"}"), 200),
                // offer
                new Route("GET /api/offers", OFFER_READERS, c -> c.get(Service.OFFER, "/api/offers"), 200),
                new Route("GET /api/offers/{id}", OFFER_READERS, c -> c.get(Service.OFFER, "/api/offers/" + toApprove), 200),
                new Route("POST /api/offers/{id}/adjust", OFFER_READERS,
                        c -> c.post(Service.OFFER, "/api/offers/" + toApprove + "/adjust", "{\"baseSalary\": 200000}"), 200),
                new Route("POST /api/offers/{id}/approve", Set.of(Roles.HIRING_MANAGER),
                        c -> c.post(Service.OFFER, "/api/offers/" + toApprove + "/approve", "{}"), 200),
                new Route("POST /api/offers/{id}/withdraw", Set.of(Roles.HIRING_MANAGER),
                        c -> c.post(Service.OFFER, "/api/offers/" + toWithdraw + "/withdraw", "{}"), 200),
                // funnel
                new Route("GET /api/funnel", FUNNEL_READERS, c -> c.get(Service.FUNNEL, "/api/funnel"), 200),
                new Route("GET /api/funnel/by-role", FUNNEL_READERS, c -> c.get(Service.FUNNEL, "/api/funnel/by-role"), 200),
                new Route("GET /api/funnel/by-location", FUNNEL_READERS, c -> c.get(Service.FUNNEL, "/api/funnel/by-location"), 200),
                new Route("GET /api/funnel/cohorts", FUNNEL_READERS, c -> c.get(Service.FUNNEL, "/api/funnel/cohorts"), 200),
                new Route("GET /api/funnel/by-source", FUNNEL_READERS, c -> c.get(Service.FUNNEL, "/api/funnel/by-source"), 200),
                new Route("GET /api/fairness", Set.of(Roles.COMPLIANCE), c -> c.get(Service.FUNNEL, "/api/fairness?dimension=sex"), 200),
                new Route("GET /api/funnel/stream", FUNNEL_READERS, c -> c.openStream(Service.FUNNEL, "/api/funnel/stream"), 200),
                new Route("GET /api/applications/{id} (funnel)", OFFER_READERS,
                        c -> c.get(Service.FUNNEL, "/api/applications/" + app), 200),
                new Route("GET / (dashboard page)", PUBLIC, c -> c.get(Service.FUNNEL, "/"), 200),
                // peers
                new Route("GET /internal/state/{store}/keys/{key} (funnel)", PEERS, c -> c.get(Service.FUNNEL,
                        "/internal/state/funnel-applications/keys/" + app + "?partition=" + applicationPartition), 200),
                new Route("GET /internal/state/{store}/keys/{key} (interview)", PEERS, c -> c.get(Service.INTERVIEW,
                        "/internal/state/interview-loops/keys/" + app + "?partition=" + applicationPartition), 200),
                new Route("GET /internal/state/{store}/partitions/{p} (offer)", PEERS, c -> c.get(Service.OFFER,
                        "/internal/state/offer-cases/partitions/0?limit=10"), 200)));
        for (Service service : Service.values()) {
            routes.add(new Route("GET /health (" + service.id() + ")", PUBLIC, c -> c.get(service, "/health"), 200));
            routes.add(new Route("GET /prometheus (" + service.id() + ")", Set.of(Roles.OPS), c -> c.get(service, "/prometheus"), 200));
        }
        return routes;
    }

    @Test
    void everyRouteAnswersOnlyTheRolesItTakes() {
        List<String> wrong = new ArrayList<>();
        int tried = 0;
        Map<Integer, Integer> byStatus = new LinkedHashMap<>();
        for (Route route : routes()) {
            for (String caller : CALLERS) {
                Pipeline.Caller as = caller.equals("anonymous") ? pipeline.anonymous() : pipeline.as("matrix-" + caller, caller);
                boolean allowed = route.allowed().contains("anonymous") || route.allowed().contains(caller);
                int expected = allowed ? route.success() : caller.equals("anonymous") ? 401 : 403;
                Pipeline.Reply reply = route.call().apply(as);
                tried++;
                byStatus.merge(reply.status(), 1, Integer::sum);
                boolean refusalIsProblem = allowed || reply.contentType().startsWith("application/problem+json");
                if (reply.status() != expected || !refusalIsProblem) {
                    wrong.add(route.name() + " as " + caller + ": expected " + expected + ", got " + reply);
                }
            }
        }
        System.out.printf("route matrix: %d routes x %d callers = %d calls, by status %s%n", routes().size(), CALLERS.size(),
                tried, byStatus);
        assertThat(wrong).isEmpty();
    }

    @Test
    void aDecisionNamesTheSignedInPersonWhateverTheBodySays() {
        String applicationId = pipeline.draftedOffer(requisitionId);
        Pipeline.Reply named = pipeline.as("manager-maria", Roles.HIRING_MANAGER).post(Service.OFFER,
                "/api/offers/" + applicationId + "/approve", "{\"approvedBy\": \"someone-else\"}");
        Pipeline.Reply approved = pipeline.as("manager-maria", Roles.HIRING_MANAGER).post(Service.OFFER,
                "/api/offers/" + applicationId + "/approve", "{}");

        assertThat(named.status()).isEqualTo(400);
        assertThat(named.json().path("field").asText()).isEqualTo("approvedBy");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().path("decidedBy").asText()).isEqualTo("manager-maria");
    }

    @Test
    void aTokenThatIsExpiredForgedOrUnsignedIsNoSignIn() throws Exception {
        TokenIssuer stranger = TokenIssuer.in(ScratchFolders.create("hirestream-stranger-"));
        String unsigned = new PlainJWT(new JWTClaimsSet.Builder().issuer(TokenIssuer.ISSUER).subject("mallory")
                .claim("roles", List.of(Roles.OPS)).expirationTime(new Date(System.currentTimeMillis() + 600_000)).build()).serialize();
        Map<String, String> tokens = Map.of(
                "expired", pipeline.issuer().token("late-larry", List.of(Roles.OPS), Duration.ofSeconds(-60)),
                "signed by another issuer", stranger.token("mallory", List.of(Roles.OPS)),
                "unsigned", unsigned,
                "not a token", "not.a.token");
        tokens.forEach((kind, token) -> {
            Pipeline.Reply reply = pipeline.withToken(token).get(Service.FUNNEL, "/api/funnel");
            assertThat(reply.status()).as(kind + ": " + reply).isEqualTo(401);
            assertThat(reply.contentType()).as(kind).startsWith("application/problem+json");
            assertThat(reply.json().path("detail").asText()).as(kind).contains("Authorization: Bearer");
        });
    }

    @Test
    void healthShowsEveryoneItsStatusAndOnlyOpsItsDetails() {
        for (Service service : Service.values()) {
            JsonNode anonymous = pipeline.anonymous().get(service, "/health").json();
            JsonNode analyst = pipeline.as("ana", Roles.ANALYST).get(service, "/health").json();
            JsonNode ops = pipeline.as("otto", Roles.OPS).get(service, "/health").json();

            assertThat(anonymous.path("status").asText()).as(service.id()).isEqualTo("UP");
            assertThat(anonymous.has("details")).as(service.id() + " anonymous: " + anonymous).isFalse();
            assertThat(analyst.has("details")).as(service.id() + " analyst: " + analyst).isFalse();
            assertThat(ops.path("details").isObject()).as(service.id() + " ops: " + ops).isTrue();
        }
    }

    @Test
    void aForbiddenAnswerNamesTheRolesTheRouteTakes() {
        Pipeline.Reply reply = pipeline.as("ana", Roles.ANALYST).post(Service.OFFER, "/api/offers/" + toWithdraw + "/approve", "{}");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().path("detail").asText()).contains(Roles.HIRING_MANAGER);
    }

    private static String requisition() {
        return """
                {"role": "Route Roles %s", "location": "Remote", "department": "ML Research",
                 "salaryMin": 158950, "salaryMax": 327000, "currency": "USD",
                 "minYearsOfExperience": 8, "minDegree": "MASTERS", "eligibleCountries": ["US"]}
                """.formatted(UUID.randomUUID());
    }

    private String application() {
        return """
                {"requisitionId": "%s", "source": "REFERRAL",
                 "candidate": {"name": "Grace Hopper", "email": "grace-%s@example.org", "countryOfResidence": "US",
                               "yearsOfExperience": 12, "highestDegree": "PHD"}}
                """.formatted(requisitionId, UUID.randomUUID());
    }
}
