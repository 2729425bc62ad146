package io.hirestream.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.hirestream.access.Roles;
import io.hirestream.events.CandidateKey;
import io.hirestream.serde.Buffers;
import io.hirestream.service.privacy.Sealing;
import io.hirestream.stack.Service;
import io.hirestream.testkit.KafkaStack;
import io.hirestream.testkit.OpsCli;
import io.hirestream.testkit.TestTopics;
import io.hirestream.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Personal data on immutable logs: contact details and interview notes are sealed under each
 * candidate's own key, so no topic, store changelog, dead letter or log holds them in clear, and
 * erasing the candidate (their key tombstoned) leaves nothing anywhere that opens.
 */
@ExtendWith(PipelineExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErasureIT {

    private static final Duration FLOW = Duration.ofSeconds(90);
    /**
     * An email address as bytes anywhere in a record or a log line. A little stricter than a mail
     * server (two characters at least before the @ and in the first label, the top-level domain
     * ending there), so that the random bytes of keys and ciphertexts do not pass for one by chance.
     */
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+-]{2,}@[A-Za-z0-9-]{2,}(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,24}(?![A-Za-z0-9])");

    private KafkaStack stack;
    private Pipeline pipeline;

    @BeforeAll
    void start(KafkaStack stack, Pipeline pipeline) {
        this.stack = stack;
        this.pipeline = pipeline;
    }

    @Test
    void afterAnErasureNoTopicDeadLetterStoreOrLogYieldsTheCandidatesNameOrEmail() {
        // Only what is written from here on can hold this candidate: the scans read from this mark.
        Map<TopicPartition, Long> mark = TestTopics.endOffsets(stack);
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String name = "Zelda Quixote " + unique;
        String email = "zelda-" + unique + "@example.org";
        String requisitionId = pipeline.openRequisition("Erasure Engineer " + unique, "Remote, US");
        Pipeline.Reply submitted = pipeline.anonymous().post(Service.INTAKE, "/api/applications", """
                {"requisitionId": "%s", "source": "REFERRAL",
                 "candidate": {"name": "%s", "email": "%s", "countryOfResidence": "US", "yearsOfExperience": 12, "highestDegree": "PHD"}}
                """.formatted(requisitionId, name, email));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        String applicationId = submitted.json().path("applicationId").asText();
        String candidateId = submitted.json().path("candidateId").asText();
        String round = pipeline.awaitOk(Service.INTERVIEW, "/api/interviews/" + applicationId).path("rounds").get(0).asText();
        String notes = name + " (" + email + ") explained the trade-offs clearly.";
        Pipeline.Reply given = pipeline.as("ivy-interviewer", Roles.INTERVIEWER).post(Service.INTERVIEW,
                "/api/interviews/" + applicationId + "/feedback",
                "{\"round\": \"" + round + "\", \"recommendation\": \"YES\", \"notes\": \"" + notes + "\"}");
        assertThat(given.status()).as(given.toString()).isEqualTo(200);
        assertThat(shownNotes(applicationId)).as("the hiring team reads the notes before the erasure").isEqualTo(notes);
        List<byte[]> sealedCopies = sealedCopiesOf(candidateId, applicationId);
        assertThat(sealedCopies).as("the sealed contact details and notes").hasSize(2);
        assertThat(plaintextAnywhere(mark, name, email)).as("in clear before the erasure").isEmpty();

        Pipeline.Reply erased = pipeline.as("paz-privacy", Roles.PRIVACY).delete(Service.INTAKE, "/api/candidates/" + candidateId);

        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        await().atMost(FLOW).until(() -> pipeline.get(Service.INTERVIEW, "/api/interviews/" + applicationId).json()
                .path("feedback").get(0).path("notesErased").asBoolean());
        assertThat(shownNotes(applicationId)).isNull();
        List<byte[]> keys = liveKeys();
        for (byte[] copy : sealedCopies) {
            for (Sealing.Purpose purpose : Sealing.Purpose.values()) {
                assertThat(keys).as("a key that still opens a copy").noneSatisfy(key ->
                        assertThat(Sealing.open(key, candidateId, purpose, copy)).isPresent());
            }
        }
        assertThat(plaintextAnywhere(mark, name, email)).as("in clear after the erasure").isEmpty();
        assertThat(pipeline.as("paz-privacy", Roles.PRIVACY).delete(Service.INTAKE, "/api/candidates/" + candidateId).status())
                .as("erased already").isEqualTo(404);
    }

    @Test
    void aDemoRunLeavesNoEmailAddressInClearOnAnyTopicOrInAnyLog() throws Exception {
        assertThat(emails("applied as ada.lovelace.1@example.org, then")).as("the scan sees an address the demo makes")
                .containsExactly("ada.lovelace.1@example.org");
        Map<TopicPartition, Long> mark = TestTopics.endOffsets(stack);
        OpsCli.Result demo = OpsCli.run(Map.of(), "demo", "--home", pipeline.home().toString(), "--rate", "5", "--duration", "PT20S",
                "--intake-url", pipeline.process(Service.INTAKE).url(), "--interview-url", pipeline.process(Service.INTERVIEW).url(),
                "--offer-url", pipeline.process(Service.OFFER).url());
        assertThat(demo.exitCode()).as(demo.toString()).isZero();
        assertThat(demo.out()).containsPattern("[1-9]\\d* applications");

        List<String> found = new ArrayList<>();
        records(mark).forEach((topic, values) -> values.forEach(value -> emails(value).forEach(email -> found.add(topic + ": " + email))));
        logs().forEach((file, text) -> emails(text).forEach(email -> found.add(file + ": " + email)));
        emails(demo.out() + demo.err()).forEach(email -> found.add("the demo's output: " + email));
        assertThat(found).isEmpty();
    }

    private String shownNotes(String applicationId) {
        JsonNode notes = pipeline.get(Service.INTERVIEW, "/api/interviews/" + applicationId).json().path("feedback").get(0).path("notes");
        return notes.isNull() ? null : notes.asText();
    }

    /** The candidate's sealed contact details and the sealed notes about them, as they stand on the topics. */
    private List<byte[]> sealedCopiesOf(String candidateId, String applicationId) {
        var candidates = Topics.CANDIDATES.valueSerde(stack.clientConfigs()).deserializer();
        var feedback = Topics.INTERVIEW_FEEDBACK.valueSerde(stack.clientConfigs()).deserializer();
        List<byte[]> copies = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : TestTopics.readAll(stack, Topics.CANDIDATES.name())) {
            if (r.value() != null && candidateId.equals(new String(r.key(), StandardCharsets.UTF_8))) {
                copies.add(Buffers.copy(candidates.deserialize(Topics.CANDIDATES.name(), r.value()).getSealedContact()));
            }
        }
        for (ConsumerRecord<byte[], byte[]> r : TestTopics.readAll(stack, Topics.INTERVIEW_FEEDBACK.name())) {
            if (r.value() != null && applicationId.equals(new String(r.key(), StandardCharsets.UTF_8))) {
                copies.add(Buffers.copy(feedback.deserialize(Topics.INTERVIEW_FEEDBACK.name(), r.value()).getSealedNotes()));
            }
        }
        return copies;
    }

    private List<byte[]> liveKeys() {
        var deserializer = Topics.CANDIDATE_KEYS.valueSerde(stack.clientConfigs()).deserializer();
        return TestTopics.latest(stack, Topics.CANDIDATE_KEYS.name()).values().stream()
                .map(value -> Sealing.dataKey((CandidateKey) deserializer.deserialize(Topics.CANDIDATE_KEYS.name(), value))).toList();
    }

    /** Where the name or the email shows in clear: every record of every topic (stores' changelogs and dead letters included), every log. */
    private List<String> plaintextAnywhere(Map<TopicPartition, Long> mark, String name, String email) {
        List<String> found = new ArrayList<>();
        records(mark).forEach((topic, values) -> values.forEach(value -> {
            if (value.contains(email) || value.contains(name)) {
                found.add(topic);
            }
        }));
        logs().forEach((file, text) -> {
            if (text.contains(email) || text.contains(name)) {
                found.add(file);
            }
        });
        return found;
    }

    /** Every topic's records since the mark, keys and values, as text (bytes one for one, so that any clear text shows). */
    private Map<String, List<String>> records(Map<TopicPartition, Long> mark) {
        Map<String, List<String>> all = new HashMap<>();
        TestTopics.readSince(stack, mark).forEach((topic, records) -> all.put(topic, records.stream()
                .map(r -> (r.key() == null ? "" : new String(r.key(), StandardCharsets.ISO_8859_1)) + " "
                        + (r.value() == null ? "" : new String(r.value(), StandardCharsets.ISO_8859_1))).toList()));
        return all;
    }

    /**
     * Every log file of the services, and of the broker and registry where the run started them:
     * the processes' own logs ({@code <home>/logs/*.log}), not the broker's data segments, which
     * hold the topics' bytes (read above) and share the suffix.
     */
    private Map<String, String> logs() {
        List<Path> folders = new ArrayList<>(List.of(pipeline.home().resolve("logs")));
        String stackHome = System.getenv("HIRESTREAM_TEST_STACK_HOME");
        if (stackHome != null && !stackHome.isBlank()) {
            folders.add(Path.of(stackHome).resolve("logs"));
        }
        Map<String, String> all = new HashMap<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".log") && Files.isRegularFile(f)).toList()) {
                    all.put(file.toString(), Files.readString(file, StandardCharsets.ISO_8859_1));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    private static List<String> emails(String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = EMAIL.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }
}
