package io.hirestream.funnel;

import io.hirestream.events.FunnelMetrics;
import io.hirestream.funnel.domain.Decision;
import io.hirestream.funnel.domain.RowKey;
import io.hirestream.funnel.domain.Stage;
import io.hirestream.funnel.domain.StageEvent;
import io.hirestream.serde.AvroSerializer;
import io.hirestream.service.LinuxThread;
import io.hirestream.testkit.ConfluentPythonClient;
import io.hirestream.testkit.KafkaStack;
import io.hirestream.testkit.ServiceInstance;
import io.hirestream.testkit.TestTopics;
import io.hirestream.testkit.WithKafkaStack;
import io.hirestream.topics.Topics;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.awaitility.Awaitility.await;

/**
 * The funnel service against the real broker and registry: two instances of one application,
 * each answering for the whole funnel; one of them lost; and a second application processing
 * the same topics from scratch.
 */
@WithKafkaStack
class FunnelInstancesIT {

    private static final List<String> LOCATIONS = List.of("Remote, US", "Berlin, DE");

    @Test
    void twoInstancesEachAnswerForTheWholeFunnelAndTheSurvivorStillDoesWhenOneIsLost(KafkaStack stack) {
        String role = KafkaStack.unique("Platform Engineer");
        List<StageEvent> events = applications(role, 60, new Random(7));
        write(stack, events);
        Map<String, ReferenceFunnel.Row> expected = ReferenceFunnel.compute(events);
        String applicationId = KafkaStack.unique("funnel-it");

        try (ServiceInstance first = FunnelInstance.start(stack, applicationId);
             ServiceInstance second = FunnelInstance.start(stack, applicationId)) {
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertMatches(rows(first, role), expected, role);
                assertMatches(rows(second, role), expected, role);
            });

            StageEvent sample = events.get(events.size() - 1);
            for (ServiceInstance instance : List.of(first, second)) {
                for (StageEvent event : events.subList(0, 12)) {
                    Map<String, Object> application = instance.getJson("/api/applications/" + event.applicationId());
                    assertThat(application.get("role")).isEqualTo(role);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> stages = (Map<String, Object>) application.get("stages");
                    assertThat(stages).containsKey(event.stage().name());
                }
                assertThat(instance.status("/api/applications/" + UUID.randomUUID())).isEqualTo(404);
            }
            assertPublished(stack, role, expected);

            first.close();
            List<String> answers = new ArrayList<>();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                try {
                    List<Map<String, Object>> rows = rows(second, role);
                    answers.add("200");
                    assertMatches(rows, expected, role);
                } catch (HttpClientResponseException e) {
                    answers.add(Integer.toString(e.code()));
                    throw new AssertionError("not answering yet: " + e.code());
                }
            });
            assertThat(answers).allSatisfy(code -> assertThat(code).isIn("200", "503"));
            assertThat(second.getJson("/api/applications/" + sample.applicationId()).get("applicationId"))
                    .isEqualTo(sample.applicationId());
        }
    }

    @Test
    void byDefaultTheThreadsThatProcessAndFollowEventsRunAtNice19AndQueriesKeepTheirPriority(KafkaStack stack) {
        String role = KafkaStack.unique("Priority Engineer");
        List<StageEvent> events = applications(role, 20, new Random(3));
        write(stack, events);
        Map<String, ReferenceFunnel.Row> expected = ReferenceFunnel.compute(events);
        String applicationId = KafkaStack.unique("funnel-nice");
        // Linux names a thread by the first 15 characters of its Java name.
        String streamThreads = (applicationId + "-").substring(0, 15);
        String partsFollower = ("follow-" + applicationId).substring(0, 15);

        try (ServiceInstance instance = FunnelInstance.start(stack, applicationId)) {
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertMatches(rows(instance, role), expected, role));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Map<String, List<Integer>> nice = threadsNiceByName();
                assertThat(nice.get(streamThreads)).as("the stream threads").contains(19);
                assertThat(nice.get(partsFollower)).as("the follower of published parts").containsOnly(19);
            });
            assertMatches(rows(instance, role), expected, role);
            threadsNiceByName().forEach((name, values) -> {
                if (!name.equals(streamThreads) && !name.startsWith("follow-") && !name.equals("kafka-producer-")) {
                    assertThat(values).as("thread %s (queries, HTTP, collector ...)", name).containsOnly(0);
                }
            });
        }
    }

    /** This JVM's threads' nice values, by the name Linux knows each by. */
    private static Map<String, List<Integer>> threadsNiceByName() {
        Map<String, List<Integer>> byName = new HashMap<>();
        for (LinuxThread thread : LinuxThread.all()) {
            byName.computeIfAbsent(thread.name(), n -> new ArrayList<>()).add(thread.nice());
        }
        return byName;
    }

    @Test
    void processingTheSameTopicsAgainFromScratchGivesIdenticalRows(KafkaStack stack) {
        String role = KafkaStack.unique("Replay Engineer");
        List<StageEvent> events = applications(role, 40, new Random(11));
        write(stack, events);
        Map<String, ReferenceFunnel.Row> expected = ReferenceFunnel.compute(events);

        List<Map<String, Object>> original;
        try (ServiceInstance instance = FunnelInstance.start(stack, KafkaStack.unique("funnel-original"))) {
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertMatches(rows(instance, role), expected, role));
            original = rows(instance, role);
        }
        write(stack, events.subList(0, 15));
        try (ServiceInstance replay = FunnelInstance.start(stack, KafkaStack.unique("funnel-replay"))) {
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(rows(replay, role)).isEqualTo(original));
        }
    }

    @Test
    void anInstanceStartedOnAnEmptyDiskRestoresTheFunnelFromItsChangelogs(KafkaStack stack) {
        String role = KafkaStack.unique("Restore Engineer");
        List<StageEvent> events = applications(role, 30, new Random(5));
        write(stack, events);
        Map<String, ReferenceFunnel.Row> expected = ReferenceFunnel.compute(events);
        String applicationId = KafkaStack.unique("funnel-restore");

        List<Map<String, Object>> before;
        try (ServiceInstance instance = FunnelInstance.start(stack, applicationId)) {
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertMatches(rows(instance, role), expected, role));
            before = rows(instance, role);
        }
        List<ConsumerRecord<byte[], byte[]>> changelog = TestTopics.readAll(stack, applicationId + "-funnel-applications-changelog");

        try (ServiceInstance restored = FunnelInstance.start(stack, applicationId)) {
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(rows(restored, role)).isEqualTo(before));
        }
        assertThat(changelog).isNotEmpty();
    }

    @Test
    void applicationsWhoseAppliedEventsConfluentsPythonClientWroteOnItsDefaultPartitionerAreEachCountedOnce(KafkaStack stack)
            throws Exception {
        String role = KafkaStack.unique("Interop Engineer");
        List<StageEvent> events = applications(role, 40, new Random(13));
        Map<String, SpecificRecord> applied = new LinkedHashMap<>();
        events.stream().filter(event -> event.stage() == Stage.APPLIED)
                .forEach(event -> applied.put(event.applicationId(), FunnelTestDriver.toAvro(event)));
        ConfluentPythonClient.writeAll(stack, Topics.APPLIED.name(), applied);
        write(stack, events.stream().filter(event -> event.stage() != Stage.APPLIED).toList());
        Map<String, ReferenceFunnel.Row> expected = ReferenceFunnel.compute(events);

        // librdkafka hashes keys with CRC32: some applications' applied events sit on another partition
        // than the later events Java's client wrote for them.
        Map<String, Integer> appliedOn = partitionsOf(stack, Topics.APPLIED.name(), applied.keySet());
        Map<String, Integer> screenedOn = partitionsOf(stack, Topics.SCREENED.name(), applied.keySet());
        assertThat(screenedOn.entrySet()).anySatisfy(screened ->
                assertThat(appliedOn.get(screened.getKey())).isNotEqualTo(screened.getValue()));

        try (ServiceInstance funnel = FunnelInstance.start(stack, KafkaStack.unique("funnel-interop"))) {
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertMatches(rows(funnel, role), expected, role));
            assertPublished(stack, role, expected);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFunnelIsListedAPageAtATimeMostApplicationsFirstWithItsWholeTotalOnEveryPage(KafkaStack stack) {
        String role = KafkaStack.unique("Paged Engineer");
        List<StageEvent> events = new ArrayList<>();
        // Seven locations with 1 to 7 applications each: seven rows, ordered by their counts.
        for (int location = 1; location <= 7; location++) {
            for (int i = 0; i < location; i++) {
                events.add(event(UUID.randomUUID().toString(), Stage.APPLIED, 1_760_000_000_000L, Decision.NONE, role, "City " + location));
            }
        }
        write(stack, events);

        try (ServiceInstance funnel = FunnelInstance.start(stack, KafkaStack.unique("funnel-paging"))) {
            String rowsOfRole = "/api/funnel?role=" + URLEncoder.encode(role, StandardCharsets.UTF_8);
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(((Map<String, Map<String, Number>>)
                    funnel.getJson(rowsOfRole).get("total")).get("reached").get("APPLIED").longValue()).isEqualTo(28));

            List<String> listed = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                Map<String, Object> page = funnel.getJson(rowsOfRole + "&limit=3"
                        + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
                ((List<Map<String, Object>>) page.get("rows")).forEach(row -> listed.add((String) row.get("location")));
                assertThat(((Map<String, Map<String, Number>>) page.get("total")).get("reached").get("APPLIED").longValue())
                        .as("the total is the whole funnel asked for, on every page").isEqualTo(28);
                cursor = (String) page.get("nextCursor");
                pages++;
            } while (cursor != null);

            assertThat(listed).containsExactly("City 7", "City 6", "City 5", "City 4", "City 3", "City 2", "City 1");
            assertThat(pages).isEqualTo(3);
            for (String refused : List.of("&limit=0", "&limit=1001", "&cursor=not-a-cursor",
                    "&cursor=" + java.util.Base64.getUrlEncoder().encodeToString("many\u0000a\u0000b".getBytes(StandardCharsets.UTF_8)))) {
                ServiceInstance.Response answer = funnel.send(io.micronaut.http.HttpRequest.GET(rowsOfRole + refused));
                assertThat(answer.status()).as(refused).isEqualTo(400);
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.body()).contains(refused.contains("limit") ? "limit" : "cursor");
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void cohortsByApplicationWeekAndSourcesCountLikeTheFunnelAndArePublished(KafkaStack stack) {
        String role = KafkaStack.unique("Cohort Engineer");
        List<String> sources = List.of("REFERRAL", "JOB_BOARD", "AGENCY");
        // Applications a day apart over about eight weeks, each through one of three sources.
        List<StageEvent> events = applications(role, 60, new Random(11), 86_400_000L).stream()
                .map(e -> e.stage() != Stage.APPLIED ? e : new StageEvent(e.eventId(), e.applicationId(), e.stage(), e.role(),
                        e.location(), e.occurredAt(), e.decision(), sources.get(Math.floorMod(e.applicationId().hashCode(), 3))))
                .toList();
        write(stack, events);
        Map<String, ReferenceFunnel.Row> cohorts = ReferenceFunnel.cohorts(events);
        Map<String, ReferenceFunnel.Row> bySource = ReferenceFunnel.sources(events);
        String ofRole = "role=" + URLEncoder.encode(role, StandardCharsets.UTF_8);

        try (ServiceInstance funnel = FunnelInstance.start(stack, KafkaStack.unique("funnel-cohorts"))) {
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(((Map<String, Map<String, Number>>)
                    funnel.getJson("/api/funnel?" + ofRole).get("total")).get("reached").get("APPLIED").longValue()).isEqualTo(60));

            List<Map<String, Object>> listed = new ArrayList<>();
            String cursor = null;
            Map<String, Object> page;
            do {
                page = funnel.getJson("/api/funnel/cohorts?" + ofRole + "&limit=4"
                        + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
                listed.addAll((List<Map<String, Object>>) page.get("rows"));
                cursor = (String) page.get("nextCursor");
            } while (cursor != null);
            assertMatches(listed, cohorts, row -> role + "|" + row.get("location") + "|" + row.get("cohort"));
            assertThat(listed).extracting(row -> (String) row.get("cohort")).as("by week").isSorted();
            Map<String, Long> appliedPerWeek = new java.util.TreeMap<>();
            cohorts.forEach((key, row) -> appliedPerWeek.merge(key.substring(key.lastIndexOf('|') + 1), row.reached[0], Long::sum));
            Map<String, Long> totals = new java.util.TreeMap<>();
            ((List<Map<String, Object>>) page.get("totals")).forEach(total -> totals.put((String) total.get("cohort"),
                    ((Map<String, Number>) total.get("reached")).get("APPLIED").longValue()));
            assertThat(totals).as("each week's total over every row asked for, on every page").isEqualTo(appliedPerWeek);
            String firstWeek = appliedPerWeek.keySet().iterator().next();
            assertThat((List<Map<String, Object>>) funnel.getJson("/api/funnel/cohorts?" + ofRole + "&from=" + firstWeek
                    + "&to=" + firstWeek).get("totals")).extracting(total -> total.get("cohort")).containsExactly(firstWeek);

            String remote = "&location=" + URLEncoder.encode(LOCATIONS.get(0), StandardCharsets.UTF_8);
            List<Map<String, Object>> sourceRows = (List<Map<String, Object>>) funnel.getJson("/api/funnel/by-source?" + ofRole + remote)
                    .get("rows");
            Map<String, ReferenceFunnel.Row> remoteSources = new HashMap<>(bySource);
            remoteSources.keySet().removeIf(key -> !key.startsWith(role + "|" + LOCATIONS.get(0) + "|"));
            assertMatches(sourceRows, remoteSources, row -> role + "|" + LOCATIONS.get(0) + "|" + row.get("source"));

            for (String refused : List.of("&from=2026-48", "&to=2026-W54", "&from=2026-W10&to=2026-W09")) {
                ServiceInstance.Response answer = funnel.send(io.micronaut.http.HttpRequest.GET("/api/funnel/cohorts?" + ofRole + refused));
                assertThat(answer.status()).as(refused).isEqualTo(400);
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.body()).contains(refused.contains("from") ? "from" : "to");
            }

            var serde = Topics.FUNNEL_COHORTS.valueSerde(stack.clientConfigs());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Map<String, Long> published = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> record : TestTopics.readAll(stack, Topics.FUNNEL_COHORTS.name())) {
                    RowKey key = RowKey.parse(new String(record.key(), StandardCharsets.UTF_8));
                    String row = key.role() + "|" + key.location() + "|" + key.slice().group();
                    if (key.role().equals(role) && record.value() == null) {
                        published.remove(row);
                    } else if (key.role().equals(role)) {
                        published.put(row, serde.deserializer().deserialize(Topics.FUNNEL_COHORTS.name(), record.value())
                                .getRow().getReached().getApplied());
                    }
                }
                Map<String, Long> expected = new HashMap<>();
                cohorts.forEach((key, row) -> expected.put(key, row.reached[0]));
                bySource.forEach((key, row) -> expected.put(key, row.reached[0]));
                assertThat(published).isEqualTo(expected);
            });
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAdverseImpactCheckFlagsAGroupScreenedInAtUnderFourFifthsForComplianceOnly(KafkaStack stack) {
        String role = KafkaStack.unique("Audited Engineer");
        List<StageEvent> events = new ArrayList<>();
        Map<String, io.hirestream.events.SelfIdentification> declarations = new LinkedHashMap<>();
        String lone = UUID.randomUUID().toString();
        // 40 women, 12 of them pass screening (30%); 40 men, 20 pass (50%); 5 who declare a race, all pass; 10 who declare nothing.
        for (int i = 0; i < 95; i++) {
            String application = UUID.randomUUID().toString();
            boolean woman = i < 40;
            boolean passes = woman ? i < 12 : i < 60 || (i >= 80 && i < 85);
            events.add(event(application, Stage.APPLIED, 1_760_000_000_000L + i, Decision.NONE, role, LOCATIONS.get(0)));
            events.add(event(application, Stage.SCREENED, 1_760_000_100_000L + i, passes ? Decision.PASSED : Decision.REJECTED,
                    role, LOCATIONS.get(0)));
            if (i < 85) {
                declarations.put(application, new io.hirestream.events.SelfIdentification(application,
                        i < 40 ? io.hirestream.events.Sex.FEMALE : i < 80 ? io.hirestream.events.Sex.MALE : io.hirestream.events.Sex.DECLINED,
                        i < 80 ? io.hirestream.events.RaceEthnicity.DECLINED : io.hirestream.events.RaceEthnicity.ASIAN,
                        io.hirestream.events.VeteranStatus.DECLINED, io.hirestream.events.DisabilityStatus.DECLINED,
                        java.time.Instant.EPOCH));
            }
        }
        write(stack, events);
        Map<String, Object> configs = new HashMap<>(stack.clientConfigs());
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(configs, new StringSerializer(),
                new AvroSerializer<>(stack.clientConfigs(), false))) {
            declarations.forEach((application, declared) -> producer.send(new ProducerRecord<>(Topics.SELF_IDENTIFICATIONS.name(),
                    application, declared)));
            // A declaration whose application has no event (yet): counted nowhere, shown nowhere.
            producer.send(new ProducerRecord<>(Topics.SELF_IDENTIFICATIONS.name(), lone, declarations.values().iterator().next()));
            producer.flush();
        }
        String ofRole = "role=" + URLEncoder.encode(role, StandardCharsets.UTF_8);

        try (ServiceInstance funnel = FunnelInstance.start(stack, KafkaStack.unique("funnel-fairness"))) {
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                ServiceInstance.Response answer = funnel.send(io.micronaut.http.HttpRequest.GET("/api/fairness?" + ofRole
                        + "&dimension=sex").bearerAuth(io.hirestream.testkit.TestTokens.token("carla-compliance",
                        io.hirestream.access.Roles.COMPLIANCE)));
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                Map<String, Object> fairness = new com.fasterxml.jackson.databind.ObjectMapper().readValue(answer.body(), Map.class);
                Map<String, Object> screening = ((List<Map<String, Object>>) fairness.get("stages")).getFirst();
                assertThat(screening.get("stage")).isEqualTo("SCREENED");
                Map<String, Map<String, Object>> groups = new HashMap<>();
                ((List<Map<String, Object>>) screening.get("groups")).forEach(group -> groups.put((String) group.get("group"), group));
                assertThat(groups.keySet()).containsExactlyInAnyOrder("FEMALE", "MALE", "DECLINED");
                // Until every application is counted a group may still be under the minimum size: suppressed, no counts.
                assertThat(groups.get("FEMALE")).containsEntry("considered", 40).containsEntry("selected", 12)
                        .containsEntry("flagged", true);
                assertThat(groups.get("FEMALE").get("impactRatio")).isInstanceOfSatisfying(Double.class,
                        ratio -> assertThat(ratio).isCloseTo(0.6, withinPercentage(0.01)));
                assertThat(groups.get("FEMALE").get("pValue")).isInstanceOfSatisfying(Double.class,
                        p -> assertThat(p).isBetween(0.0, 0.2));
                assertThat(groups.get("MALE")).containsEntry("considered", 40).containsEntry("flagged", false);
                assertThat(groups.get("DECLINED")).as("declared nothing, or no sex").containsEntry("considered", 15);
            });
            // For analytics, the counts per group, small groups suppressed: on the fairness topic.
            var serde = Topics.FUNNEL_FAIRNESS.valueSerde(stack.clientConfigs());
            String sexOfRow = new RowKey(role, LOCATIONS.get(0)).toKey("SEX");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Map<String, io.hirestream.events.FairnessGroup> published = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> record : TestTopics.readAll(stack, Topics.FUNNEL_FAIRNESS.name())) {
                    if (sexOfRow.equals(new String(record.key(), StandardCharsets.UTF_8)) && record.value() != null) {
                        published.clear();
                        serde.deserializer().deserialize(Topics.FUNNEL_FAIRNESS.name(), record.value()).getGroups()
                                .forEach(group -> published.put(group.getGroup(), group));
                    }
                }
                assertThat(published).containsOnlyKeys("FEMALE", "MALE", "DECLINED");
                assertThat(published.get("FEMALE").getSuppressed()).isFalse();
                assertThat(published.get("FEMALE").getReached().getApplied()).isEqualTo(40);
                assertThat(published.get("FEMALE").getPassed().getScreened()).isEqualTo(12);
            });
            ServiceInstance.Response byRace = funnel.send(io.micronaut.http.HttpRequest.GET("/api/fairness?" + ofRole
                    + "&dimension=raceEthnicity").bearerAuth(io.hirestream.testkit.TestTokens.token("carla-compliance",
                    io.hirestream.access.Roles.COMPLIANCE)));
            assertThat(byRace.body()).as("5 people who declared a race: under the minimum group size, no counts")
                    .contains("\"group\":\"ASIAN\",\"considered\":null").contains("\"suppressed\":true");
            assertThat(funnel.send(io.micronaut.http.HttpRequest.GET("/api/fairness?" + ofRole + "&dimension=sex")
                    .bearerAuth(io.hirestream.testkit.TestTokens.token("rita-recruiter", io.hirestream.access.Roles.RECRUITER)))
                    .status()).as("recruiters do not see it").isEqualTo(403);
            assertThat(funnel.status("/api/applications/" + lone)).as("a declaration alone is no application").isEqualTo(404);
            ServiceInstance.Response noDimension = funnel.send(io.micronaut.http.HttpRequest.GET("/api/fairness?" + ofRole)
                    .bearerAuth(io.hirestream.testkit.TestTokens.token("carla-compliance", io.hirestream.access.Roles.COMPLIANCE)));
            assertThat(noDimension.status()).isEqualTo(400);
            assertThat(noDimension.body()).contains("dimension");
        }
    }

    private static Map<String, Integer> partitionsOf(KafkaStack stack, String topic, java.util.Set<String> keys) {
        Map<String, Integer> partitions = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : TestTopics.readAll(stack, topic)) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            if (keys.contains(key)) {
                partitions.put(key, record.partition());
            }
        }
        return partitions;
    }

    /** Applications of one role in two locations, with duplicates and a few conflicting events. */
    private static List<StageEvent> applications(String role, int count, Random random) {
        return applications(role, count, random, 3_600_000L);
    }

    /** As above, each applied {@code apart} milliseconds after the one before. */
    private static List<StageEvent> applications(String role, int count, Random random, long apart) {
        List<StageEvent> events = new ArrayList<>();
        long start = 1_760_000_000_000L;
        for (int i = 0; i < count; i++) {
            String application = UUID.randomUUID().toString();
            String location = LOCATIONS.get(i % 2);
            long applied = start + i * apart;
            events.add(event(application, Stage.APPLIED, applied, Decision.NONE, role, location));
            int furthest = random.nextInt(4);
            long at = applied;
            for (int s = 1; s <= furthest; s++) {
                at += (1 + random.nextInt(100)) * 3_600_000L;
                Decision decision = s == furthest && random.nextBoolean() ? Decision.REJECTED : Decision.PASSED;
                Stage stage = Stage.values()[s];
                events.add(event(application, stage, at, stage.decides() ? decision : Decision.NONE, role, location));
            }
            if (random.nextInt(5) == 0) {
                events.add(events.get(events.size() - 1));
            }
            if (furthest >= 1 && random.nextInt(6) == 0) {
                events.add(event(application, Stage.SCREENED, applied + 60_000, Decision.REJECTED, role, location));
            }
        }
        return events;
    }

    private static StageEvent event(String application, Stage stage, long at, Decision decision, String role, String location) {
        return new StageEvent(UUID.randomUUID().toString(), application, stage, role, location, at, decision);
    }

    private static void write(KafkaStack stack, List<StageEvent> events) {
        Map<String, Object> configs = new HashMap<>(stack.clientConfigs());
        configs.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(configs, new StringSerializer(),
                new AvroSerializer<>(stack.clientConfigs(), false))) {
            for (StageEvent event : events) {
                producer.send(new ProducerRecord<>(FunnelTestDriver.topicOf(event), event.applicationId(),
                        FunnelTestDriver.toAvro(event)));
            }
            producer.flush();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(ServiceInstance instance, String role) {
        Map<String, Object> answer = instance.getJson("/api/funnel?role=" + URLEncoder.encode(role, StandardCharsets.UTF_8));
        return (List<Map<String, Object>>) answer.get("rows");
    }

    private static void assertMatches(List<Map<String, Object>> rows, Map<String, ReferenceFunnel.Row> expected, String role) {
        assertMatches(rows, expected, row -> role + "|" + row.get("location"));
    }

    /** Each row as the API answered it equals the reference's row of its key, and there is one per expected row. */
    @SuppressWarnings("unchecked")
    private static void assertMatches(List<Map<String, Object>> rows, Map<String, ReferenceFunnel.Row> expected,
                                      java.util.function.Function<Map<String, Object>, String> keyOf) {
        assertThat(rows.stream().map(keyOf).toList()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map<String, Object> row : rows) {
            ReferenceFunnel.Row want = expected.get(keyOf.apply(row));
            assertThat(want).as("expected row for %s", keyOf.apply(row)).isNotNull();
            Map<String, Number> reached = (Map<String, Number>) row.get("reached");
            Map<String, Number> active = (Map<String, Number>) row.get("active");
            for (Stage stage : Stage.values()) {
                assertThat(reached.get(stage.name()).longValue()).as("reached %s", stage).isEqualTo(want.reached[stage.ordinal()]);
                assertThat(active.get(stage.name()).longValue()).as("active %s", stage).isEqualTo(want.active[stage.ordinal()]);
            }
            Map<String, Number> passed = (Map<String, Number>) row.get("passed");
            Map<String, Number> rejected = (Map<String, Number>) row.get("rejected");
            assertThat(passed.get("SCREENED").longValue()).isEqualTo(want.passed[0]);
            assertThat(passed.get("INTERVIEWED").longValue()).isEqualTo(want.passed[1]);
            assertThat(rejected.get("SCREENED").longValue()).isEqualTo(want.rejected[0]);
            assertThat(rejected.get("INTERVIEWED").longValue()).isEqualTo(want.rejected[1]);
            Map<String, Map<String, Number>> times = (Map<String, Map<String, Number>>) row.get("timeToStageMillis");
            Long p50 = want.percentile(Stage.SCREENED, 0.5);
            if (p50 != null) {
                assertThat(times.get("SCREENED").get("p50").longValue()).isCloseTo(p50, withinPercentage(1));
            }
        }
    }

    private static void assertPublished(KafkaStack stack, String role, Map<String, ReferenceFunnel.Row> expected) {
        var serde = Topics.FUNNEL_METRICS.valueSerde(stack.clientConfigs());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, FunnelMetrics> latest = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : TestTopics.readAll(stack, Topics.FUNNEL_METRICS.name())) {
                String key = new String(record.key(), StandardCharsets.UTF_8);
                if (RowKey.parse(key).role().equals(role)) {
                    latest.put(key, serde.deserializer().deserialize(Topics.FUNNEL_METRICS.name(), record.value()));
                }
            }
            assertThat(latest).hasSize(expected.size());
            latest.forEach((key, metrics) -> assertThat(metrics.getReached().getApplied())
                    .isEqualTo(expected.get(role + "|" + metrics.getLocation()).reached[0]));
        });
    }
}
