package io.hirestream.stack;

import io.hirestream.clients.ClientSettings;
import io.hirestream.topics.Principal;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The Kafka passwords of one local home: one for the broker itself (its super user, which
 * starts the cluster and provisions the others) and one per {@link Principal}. Made with a
 * secure random on first use and kept in {@code secrets/kafka-users.properties} under the home,
 * readable by its owner only; never in the repository. The stack hands each process its own.
 */
public final class StackCredentials {

    /** The broker's own user: inter-broker and controller traffic, and the first provisioning. */
    public static final String BROKER_USER = "broker";
    public static final String MECHANISM = "SCRAM-SHA-512";
    /**
     * What librdkafka clients sign in with on the loopback listener: librdkafka before 2.6.1
     * (Debian 12's python3-confluent-kafka and kcat carry 2.0.2) builds a SCRAM proof that
     * Kafka 4 brokers refuse, so the listener also takes PLAIN, checked against the same passwords.
     * The password crosses loopback only; a listener reachable over a network must be SASL_SSL.
     */
    public static final String LIBRDKAFKA_MECHANISM = "PLAIN";
    public static final String PROTOCOL = "SASL_PLAINTEXT";

    private final Path file;
    private final Properties passwords;

    private StackCredentials(Path file, Properties passwords) {
        this.file = file;
        this.passwords = passwords;
    }

    /** The home's credentials, made on first use. */
    public static synchronized StackCredentials forHome(StackLayout layout) {
        Path file = file(layout);
        Properties passwords = new Properties();
        try {
            if (Files.isRegularFile(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    passwords.load(in);
                }
            }
            boolean added = putIfAbsent(passwords, BROKER_USER);
            for (Principal principal : Principal.values()) {
                added |= putIfAbsent(passwords, principal.id());
            }
            if (added) {
                StringWriter text = new StringWriter();
                passwords.store(text, "Kafka passwords of this local hirestream home: made on first start, never commit");
                SecretFile.write(file, text.toString());
            }
        } catch (IOException e) {
            throw new StackException("cannot keep the Kafka passwords in " + file + ": " + e.getMessage(), e);
        }
        return new StackCredentials(file, passwords);
    }

    /** The home's credentials where a stack made them; empty before its first secured start. */
    public static Optional<StackCredentials> existing(StackLayout layout) {
        return Files.isRegularFile(file(layout)) ? Optional.of(forHome(layout)) : Optional.empty();
    }

    private static Path file(StackLayout layout) {
        return layout.home().resolve("secrets").resolve("kafka-users.properties");
    }

    public Path file() {
        return file;
    }

    public String password(String user) {
        String password = passwords.getProperty(user);
        if (password == null) {
            throw new StackException("no Kafka password for " + user + " in " + file);
        }
        return password;
    }

    /** Every user and its password: the broker's own first, then each principal's. */
    public Map<String, String> passwords() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put(BROKER_USER, password(BROKER_USER));
        for (Principal principal : Principal.values()) {
            all.put(principal.id(), password(principal.id()));
        }
        return all;
    }

    /** A librdkafka client's settings (kcat -F, Confluent's Python client) that connect as the user. */
    public Map<String, String> librdkafkaSettings(String user, String bootstrapServers) {
        return librdkafkaSettings(environment(user), bootstrapServers);
    }

    /** The same over the TLS listener, trusting the home's certificate authority. */
    public Map<String, String> librdkafkaTlsSettings(String user, String tlsBootstrapServers, StackCertificates certificates) {
        return librdkafkaSettings(tlsEnvironment(user, certificates), tlsBootstrapServers);
    }

    private static Map<String, String> librdkafkaSettings(Map<String, String> signIn, String bootstrapServers) {
        Map<String, String> environment = new LinkedHashMap<>(signIn);
        environment.put("KAFKA_SASL_MECHANISM", LIBRDKAFKA_MECHANISM);
        environment.put(ClientSettings.BOOTSTRAP_SERVERS, bootstrapServers);
        return ClientSettings.librdkafka(environment::get);
    }

    /**
     * The environment variables that connect a process as the user over the TLS listener
     * (SASL_SSL), trusting the home's certificate authority.
     */
    public Map<String, String> tlsEnvironment(String user, StackCertificates certificates) {
        Map<String, String> environment = new LinkedHashMap<>(environment(user));
        environment.put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        environment.put("KAFKA_SSL_TRUSTSTORE_TYPE", "PEM");
        environment.put("KAFKA_SSL_TRUSTSTORE_LOCATION", certificates.caPem().toString());
        return environment;
    }

    /** The environment variables that connect a process as the principal (see {@link ClientSettings}). */
    public Map<String, String> environment(Principal principal) {
        return environment(principal.id());
    }

    /** The environment variables that connect a process as the user. */
    public Map<String, String> environment(String user) {
        return environment(user, MECHANISM);
    }

    /**
     * The environment variables that connect a process as the user with the given mechanism: PLAIN
     * for the broker's own user where it is not a SCRAM user (a cluster formatted without one, as
     * docker-compose.yml's are).
     */
    public Map<String, String> environment(String user, String mechanism) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KAFKA_SECURITY_PROTOCOL", PROTOCOL);
        environment.put("KAFKA_SASL_MECHANISM", mechanism);
        environment.put(ClientSettings.SASL_USERNAME, user);
        environment.put(ClientSettings.SASL_PASSWORD, password(user));
        return environment;
    }

    /**
     * The options of a PLAIN login module that signs the broker in as its own user and checks
     * every user's password ({@code user_<name>="<password>"}): what a broker's listeners take
     * PLAIN sign-ins with.
     */
    public String plainServerOptions() {
        StringBuilder options = new StringBuilder("username=\"" + BROKER_USER + "\" password=\"" + password(BROKER_USER) + "\"");
        passwords().forEach((name, secret) -> options.append(" user_").append(name).append("=\"").append(secret).append('"'));
        return options.toString();
    }

    /**
     * A broker's JAAS file ({@code -Djava.security.auth.login.config}, the apache/kafka image's way
     * to SASL): one KafkaServer section for every listener, PLAIN checked against every user's
     * password (the controller and inter-broker sign-ins, and librdkafka clients), SCRAM checked
     * against the users the cluster keeps (the services, the tools).
     */
    public String brokerJaas() {
        return "KafkaServer {\n"
                + "    org.apache.kafka.common.security.plain.PlainLoginModule required " + plainServerOptions() + ";\n"
                + "    org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + BROKER_USER
                + "\" password=\"" + password(BROKER_USER) + "\";\n"
                + "};\n";
    }

    /** Kafka client settings that connect as the user to the given bootstrap servers, with the client's own on top. */
    public Map<String, Object> clientSettings(String user, String bootstrapServers, Map<String, ?> own) {
        Map<String, String> environment = environment(user);
        Map<String, Object> settings = ClientSettings.kafkaOnly(ClientSettings.from(variable ->
                ClientSettings.BOOTSTRAP_SERVERS.equals(variable) ? bootstrapServers : environment.get(variable)));
        settings.putAll(own);
        return settings;
    }

    private static boolean putIfAbsent(Properties passwords, String user) {
        if (passwords.getProperty(user) != null) {
            return false;
        }
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        passwords.setProperty(user, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        return true;
    }

    private static final SecureRandom RANDOM = new SecureRandom();
}
