package io.hirestream.ops;

import io.hirestream.registry.RegistryConfig;
import io.hirestream.stack.StackCredentials;
import io.hirestream.testkit.KafkaStack;
import io.hirestream.testkit.OpsCli;
import io.hirestream.testkit.PrivateBroker;
import io.hirestream.testkit.WithKafkaStack;
import io.hirestream.topics.Principal;
import io.hirestream.topics.Topic;
import io.hirestream.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.hirestream.topics.Principal.ANALYTICS;
import static io.hirestream.topics.Principal.DEMO;
import static io.hirestream.topics.Principal.FUNNEL;
import static io.hirestream.topics.Principal.INTAKE;
import static io.hirestream.topics.Principal.INTERVIEW;
import static io.hirestream.topics.Principal.OFFER;
import static io.hirestream.topics.Principal.OPS;
import static io.hirestream.topics.Principal.REGISTRY;
import static io.hirestream.topics.Principal.SCREENING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * On a broker secured as the local stack secures it, every principal tries to write and to read
 * every topic, and exactly what the contract allows succeeds: the tables below are the contract's.
 */
@WithKafkaStack
class AclMatrixIT {

    private static final String REQUISITIONS = "hiring.requisitions.v1";
    private static final String CANDIDATES = "hiring.candidates.v1";
    private static final String KEYS = "hiring.candidate-keys.v1";
    private static final String ERASURES = "hiring.erasures.v1";
    private static final String APPLIED = "hiring.applications.applied.v1";
    private static final String SCREENED = "hiring.applications.screened.v1";
    private static final String INTERVIEWED = "hiring.applications.interviewed.v1";
    private static final String OFFERED = "hiring.applications.offered.v1";
    private static final String METRICS = "hiring.funnel.metrics.v1";
    private static final String COHORTS = "hiring.funnel.cohorts.v1";
    private static final String FAIRNESS = "hiring.funnel.fairness.v1";
    /** Candidates' self-identification: intake writes it, the funnel alone reads it (and ops); no stage service. */
    private static final String EEO = "hiring.eeo.v1";
    private static final String DEAD_LETTERS = "hiring.deadletter.v1";
    private static final String REDRIVEN = "hiring.deadletter.redriven.v1";
    private static final String RECEIPTS = "hiring.intake.receipts.v1";
    private static final String FEEDBACK = "hiring.interview.feedback.v1";
    private static final String DECISIONS = "hiring.offer.decisions.v1";
    private static final Set<String> EVERY_TOPIC = Set.of(REQUISITIONS, CANDIDATES, KEYS, ERASURES, EEO, APPLIED, SCREENED,
            INTERVIEWED, OFFERED, METRICS, COHORTS, FAIRNESS, DEAD_LETTERS, REDRIVEN, RECEIPTS, FEEDBACK, DECISIONS);

    /** Each service writes its own topics and the dead letters; ops may write anything; analytics, the demo and the registry nothing. */
    private static final Map<Principal, Set<String>> WRITES = new EnumMap<>(Map.of(
            INTAKE, Set.of(REQUISITIONS, CANDIDATES, KEYS, ERASURES, EEO, APPLIED, RECEIPTS, DEAD_LETTERS),
            SCREENING, Set.of(SCREENED, DEAD_LETTERS),
            INTERVIEW, Set.of(INTERVIEWED, FEEDBACK, DEAD_LETTERS),
            OFFER, Set.of(OFFERED, DECISIONS, DEAD_LETTERS),
            FUNNEL, Set.of(METRICS, COHORTS, FAIRNESS, DEAD_LETTERS),
            OPS, EVERY_TOPIC,
            DEMO, Set.of(),
            ANALYTICS, Set.of(),
            REGISTRY, Set.of()));

    /** Each service reads what it consumes; analytics the four stage topics and the funnel's aggregates; ops everything. */
    private static final Map<Principal, Set<String>> READS = new EnumMap<>(Map.of(
            INTAKE, Set.of(REQUISITIONS, CANDIDATES, KEYS, RECEIPTS),
            SCREENING, Set.of(REQUISITIONS, APPLIED),
            // The candidates' keys: to seal the notes about them, and to open them for the hiring team.
            INTERVIEW, Set.of(REQUISITIONS, SCREENED, FEEDBACK, KEYS),
            OFFER, Set.of(REQUISITIONS, APPLIED, INTERVIEWED, DECISIONS),
            FUNNEL, Set.of(EEO, APPLIED, SCREENED, INTERVIEWED, OFFERED, METRICS, COHORTS, FAIRNESS),
            OPS, EVERY_TOPIC,
            DEMO, Set.of(),
            ANALYTICS, Set.of(APPLIED, SCREENED, INTERVIEWED, OFFERED, METRICS, COHORTS, FAIRNESS),
            REGISTRY, Set.of()));

    private static PrivateBroker broker;
    private static StackCredentials credentials;

    @BeforeAll
    static void securedBrokerWithOneRecordOnEveryTopic(KafkaStack shared) throws Exception {
        broker = PrivateBroker.startSecured(shared);
        credentials = broker.credentials().orElseThrow();
        try (KafkaProducer<byte[], byte[]> producer = producer(StackCredentials.BROKER_USER)) {
            for (String topic : EVERY_TOPIC) {
                producer.send(new ProducerRecord<>(topic, 0, bytes("seed"), bytes("seed"))).get(30, TimeUnit.SECONDS);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theCatalogueCoversEveryTopicTheMatrixTries() {
        assertThat(Topics.all()).extracting(Topic::name).containsExactlyInAnyOrderElementsOf(EVERY_TOPIC);
    }

    @Test
    void everyPrincipalWritesExactlyTheTopicsTheContractGivesIt() throws Exception {
        Map<Principal, Set<String>> written = new EnumMap<>(Principal.class);
        int tried = 0;
        for (Principal principal : Principal.values()) {
            Set<String> allowed = new TreeSet<>();
            for (String topic : EVERY_TOPIC) {
                tried++;
                if (writes(principal, topic)) {
                    allowed.add(topic);
                }
            }
            written.put(principal, allowed);
        }

        assertThat(tried).isEqualTo(Principal.values().length * EVERY_TOPIC.size());
        assertThat(written).isEqualTo(sorted(WRITES));
    }

    @Test
    void everyPrincipalReadsExactlyTheTopicsTheContractGivesIt() throws Exception {
        Map<Principal, Set<String>> read = new EnumMap<>(Principal.class);
        for (Principal principal : Principal.values()) {
            Set<String> allowed = new TreeSet<>();
            for (String topic : EVERY_TOPIC) {
                if (reads(principal, topic, null)) {
                    allowed.add(topic);
                }
            }
            read.put(principal, allowed);
        }

        assertThat(read).isEqualTo(sorted(READS));
    }

    @Test
    void eachServiceOwnsTheConsumerGroupsAndTransactionalIdsUnderItsApplicationIdAndNoOneElses() throws Exception {
        assertThat(reads(SCREENING, APPLIED, "hirestream-screening")).isTrue();
        assertThat(reads(SCREENING, APPLIED, "hirestream-funnel")).isFalse();
        assertThat(reads(ANALYTICS, APPLIED, "analytics-weekly-report")).isTrue();
        assertThat(reads(ANALYTICS, APPLIED, "hirestream-funnel")).isFalse();

        assertThat(writesInTransaction(INTAKE, APPLIED, "hirestream-intake-intake-8082")).isTrue();
        assertThat(writesInTransaction(INTAKE, APPLIED, "hirestream-screening-1-0")).isFalse();
        assertThat(writesInTransaction(ANALYTICS, APPLIED, "analytics-1")).isFalse();
    }

    @Test
    void aClientWithoutTheRightPasswordIsRefusedAtSignIn() {
        Map<String, Object> settings = credentials.clientSettings(ANALYTICS.id(), broker.stack().bootstrapServers(),
                Map.of("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"analytics\" password=\"guessed\";"));
        try (Admin admin = Admin.create(settings)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void aclsDiffShowsDriftAndApplyRemovesIt() throws Exception {
        Map<String, String> asOps = new HashMap<>(credentials.environment(OPS));
        asOps.put("KAFKA_BOOTSTRAP_SERVERS", broker.stack().bootstrapServers());
        AclBinding handMade = new AclBinding(new ResourcePattern(ResourceType.TOPIC, CANDIDATES, PatternType.LITERAL),
                new AccessControlEntry(ANALYTICS.kafkaPrincipal(), "*", AclOperation.READ, AclPermissionType.ALLOW));

        OpsCli.Result clean = OpsCli.run(asOps, "acls", "diff");
        try (Admin admin = Admin.create(credentials.clientSettings(StackCredentials.BROKER_USER,
                broker.stack().bootstrapServers(), Map.of()))) {
            admin.createAcls(List.of(handMade)).all().get(30, TimeUnit.SECONDS);
        }
        boolean analyticsReadsCandidates = reads(ANALYTICS, CANDIDATES, null);
        OpsCli.Result drifted = OpsCli.run(asOps, "acls", "diff");
        OpsCli.Result applied = OpsCli.run(asOps, "acls", "apply");
        OpsCli.Result after = OpsCli.run(asOps, "acls", "diff");

        assertThat(clean.exitCode()).as(clean.toString()).isZero();
        assertThat(clean.out()).contains("ACLs: as declared");
        assertThat(analyticsReadsCandidates).isTrue();
        assertThat(drifted.exitCode()).as(drifted.toString()).isEqualTo(4);
        assertThat(drifted.out()).contains("- User:analytics READ TOPIC " + CANDIDATES);
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        assertThat(after.exitCode()).as(after.toString()).isZero();
        assertThat(reads(ANALYTICS, CANDIDATES, null)).isFalse();
    }

    @Test
    void clientConfigConnectsAnalyticsWithJavaAndWithConfluentsPythonClientAndLetsItReadOnlyWhatItMay() throws Exception {
        Map<String, String> home = Map.of("HIRESTREAM_HOME", broker.home().toString());
        OpsCli.Result java = OpsCli.run(home, "client-config", "--principal", "analytics");
        OpsCli.Result librdkafka = OpsCli.run(home, "client-config", "--principal", "analytics", "--format", "librdkafka");
        OpsCli.Result unknown = OpsCli.run(home, "client-config", "--principal", "nobody");
        assertThat(java.exitCode()).as(java.toString()).isZero();
        assertThat(librdkafka.exitCode()).as(librdkafka.toString()).isZero();
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.err()).contains("no principal nobody");

        Map<String, Object> consumer = consumerSettings(java);
        Path librdkafkaFile = Files.createTempFile(broker.home(), "analytics", ".conf");
        Files.writeString(librdkafkaFile, librdkafka.out());

        assertThat(readsAs(consumer, APPLIED)).isTrue();
        assertThat(readsAs(consumer, CANDIDATES)).isFalse();
        assertThat(pythonReads(librdkafkaFile, APPLIED)).isEqualTo("seed");
        assertThat(pythonReads(librdkafkaFile, CANDIDATES)).startsWith("error TOPIC_AUTHORIZATION_FAILED");
    }

    @Test
    void overTheTlsListenerJavaAndPythonClientsCheckTheBrokersCertificateAndSignInAlike() throws Exception {
        Map<String, String> home = Map.of("HIRESTREAM_HOME", broker.home().toString());
        OpsCli.Result java = OpsCli.run(home, "client-config", "--principal", "analytics", "--tls");
        OpsCli.Result librdkafka = OpsCli.run(home, "client-config", "--principal", "analytics", "--tls", "--format", "librdkafka");
        assertThat(java.exitCode()).as(java.toString()).isZero();
        assertThat(java.out()).contains("security.protocol=SASL_SSL").contains("ssl.truststore.type=PEM")
                .containsPattern("bootstrap.servers=localhost:\\d+");
        assertThat(librdkafka.out()).contains("security.protocol=SASL_SSL").contains("ssl.ca.location=");

        Map<String, Object> consumer = consumerSettings(java);
        Map<String, Object> trustingNobody = new HashMap<>(consumer);
        trustingNobody.remove("ssl.truststore.type");
        trustingNobody.remove("ssl.truststore.location");
        trustingNobody.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        Path librdkafkaFile = Files.createTempFile(broker.home(), "analytics-tls", ".conf");
        Files.writeString(librdkafkaFile, librdkafka.out());

        assertThat(readsAs(consumer, APPLIED)).isTrue();
        assertThat(readsAs(consumer, CANDIDATES)).isFalse();
        assertThat(pythonReads(librdkafkaFile, APPLIED)).isEqualTo("seed");
        // Without the stack's CA the broker's certificate is not trusted: the handshake fails before any sign-in.
        try (KafkaConsumer<byte[], byte[]> untrusting = new KafkaConsumer<>(trustingNobody, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            assertThatThrownBy(() -> untrusting.partitionsFor(APPLIED))
                    .isInstanceOf(org.apache.kafka.common.errors.SslAuthenticationException.class);
        }
    }

    /** A Java consumer's settings from what client-config printed (the registry's left out), reading from the start. */
    private static Map<String, Object> consumerSettings(OpsCli.Result clientConfig) throws java.io.IOException {
        Properties printed = new Properties();
        printed.load(new java.io.StringReader(clientConfig.out()));
        printed.remove(RegistryConfig.URL);
        Map<String, Object> settings = new HashMap<>();
        printed.forEach((name, value) -> settings.put(name.toString(), value));
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return settings;
    }

    /** Confluent's Python client (librdkafka) with the settings file, reading partition 0 of the topic: its first value, or its error. */
    private static String pythonReads(Path settings, String topic) throws Exception {
        String script = String.join("\n",
                "import sys",
                "from confluent_kafka import Consumer, TopicPartition",
                "conf = dict(l.strip().split('=', 1) for l in open(sys.argv[1]) if l.strip() and not l.startswith('#'))",
                "conf.update({'group.id': 'analytics-client-config-check', 'enable.auto.commit': False})",
                "consumer = Consumer(conf)",
                "topic = consumer.list_topics(sys.argv[2], timeout=30).topics[sys.argv[2]]",
                "if topic.error is not None:",
                "    print('error ' + topic.error.name())",
                "else:",
                "    consumer.assign([TopicPartition(sys.argv[2], 0, 0)])",
                "    message = consumer.poll(60)",
                "    print('nothing' if message is None else 'error ' + message.error().name() if message.error()"
                        + " else message.value().decode())",
                "consumer.close()");
        Process python = new ProcessBuilder("/usr/bin/python3", "-c", script, settings.toString(), topic)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(python.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return out.lines().reduce((first, last) -> last).orElse("");
    }

    private static boolean readsAs(Map<String, Object> settings, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                if (!consumer.poll(Duration.ofMillis(200)).isEmpty()) {
                    return true;
                }
            }
            throw new AssertionError("neither read " + topic + " nor was refused within 30 s");
        } catch (AuthorizationException e) {
            return false;
        }
    }

    private static boolean writes(Principal principal, String topic) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(principal.id())) {
            producer.send(new ProducerRecord<>(topic, 0, bytes(principal.id()), bytes("written by " + principal.id())))
                    .get(30, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthorizationException) {
                return false;
            }
            throw e;
        }
    }

    private static boolean writesInTransaction(Principal principal, String topic, String transactionalId) throws Exception {
        Map<String, Object> own = Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(credentials.clientSettings(principal.id(),
                broker.stack().bootstrapServers(), own), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, bytes("tx"), bytes("tx"))).get(30, TimeUnit.SECONDS);
            producer.commitTransaction();
            return true;
        } catch (AuthorizationException e) {
            return false;
        }
    }

    /** Reads partition 0 (with a consumer group where one is given) until the seed record comes, or authorization fails. */
    private static boolean reads(Principal principal, String topic, String group) {
        Map<String, Object> own = new HashMap<>(Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"));
        if (group != null) {
            own.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(credentials.clientSettings(principal.id(),
                broker.stack().bootstrapServers(), own), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    if (group != null) {
                        consumer.commitSync(Duration.ofSeconds(30));
                    }
                    return true;
                }
            }
            throw new AssertionError(principal + " neither read " + topic + " nor was refused within 30 s");
        } catch (AuthorizationException e) {
            return false;
        } catch (KafkaException e) {
            if (e.getCause() instanceof AuthorizationException) {
                return false;
            }
            throw e;
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String user) {
        Map<String, Object> own = Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false", ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000", ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        return new KafkaProducer<>(credentials.clientSettings(user, broker.stack().bootstrapServers(), own),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static Map<Principal, Set<String>> sorted(Map<Principal, Set<String>> table) {
        Map<Principal, Set<String>> sorted = new EnumMap<>(Principal.class);
        table.forEach((principal, topics) -> sorted.put(principal, new TreeSet<>(topics)));
        return sorted;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
