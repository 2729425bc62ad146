package io.hirestream.clients;

import io.hirestream.registry.RegistryConfig;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The one source of Kafka client and registry serde settings for a hirestream process (a service,
 * the ops tool, the bench, the demo, the test fixture): every producer, consumer, admin client,
 * Kafka Streams application and Avro serde starts from {@link #from}, so that the cluster's
 * security settings and the registry's credentials reach all of them alike.
 *
 * <p>Each setting is named as an environment variable, and read through a lookup: a service looks
 * the names up in its configuration (where Micronaut maps {@code KAFKA_SECURITY_PROTOCOL} to
 * {@code kafka.security.protocol}), a tool in the environment.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>variable</th><th>client setting</th></tr>
 *   <tr><td>KAFKA_BOOTSTRAP_SERVERS</td><td>bootstrap.servers</td></tr>
 *   <tr><td>KAFKA_SECURITY_PROTOCOL</td><td>security.protocol (PLAINTEXT, SASL_PLAINTEXT, SASL_SSL, SSL)</td></tr>
 *   <tr><td>KAFKA_SASL_MECHANISM</td><td>sasl.mechanism (SCRAM-SHA-512, ...)</td></tr>
 *   <tr><td>KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD</td><td>sasl.jaas.config for SCRAM (or PLAIN, where that is the mechanism), unless given whole</td></tr>
 *   <tr><td>KAFKA_SASL_JAAS_CONFIG</td><td>sasl.jaas.config</td></tr>
 *   <tr><td>KAFKA_SSL_TRUSTSTORE_LOCATION, _PASSWORD, _TYPE</td><td>ssl.truststore.*</td></tr>
 *   <tr><td>KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM</td><td>ssl.endpoint.identification.algorithm</td></tr>
 *   <tr><td>SCHEMA_REGISTRY_URL</td><td>schema.registry.url</td></tr>
 *   <tr><td>SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO</td><td>basic.auth.user.info, with basic.auth.credentials.source=USER_INFO</td></tr>
 * </table>
 */
public final class ClientSettings {

    public static final String BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String REGISTRY_URL = "SCHEMA_REGISTRY_URL";
    public static final String SASL_USERNAME = "KAFKA_SASL_USERNAME";
    public static final String SASL_PASSWORD = "KAFKA_SASL_PASSWORD";
    public static final String REGISTRY_USER_INFO = "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO";

    /** Variables copied to a client setting as they are. */
    private static final Map<String, String> DIRECT = new LinkedHashMap<>();

    static {
        DIRECT.put(BOOTSTRAP_SERVERS, "bootstrap.servers");
        DIRECT.put("KAFKA_SECURITY_PROTOCOL", "security.protocol");
        DIRECT.put("KAFKA_SASL_MECHANISM", "sasl.mechanism");
        DIRECT.put("KAFKA_SASL_JAAS_CONFIG", "sasl.jaas.config");
        DIRECT.put("KAFKA_SSL_TRUSTSTORE_LOCATION", "ssl.truststore.location");
        DIRECT.put("KAFKA_SSL_TRUSTSTORE_PASSWORD", "ssl.truststore.password");
        DIRECT.put("KAFKA_SSL_TRUSTSTORE_TYPE", "ssl.truststore.type");
        DIRECT.put("KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", "ssl.endpoint.identification.algorithm");
        DIRECT.put(REGISTRY_URL, RegistryConfig.URL);
    }

    private ClientSettings() {
    }

    /**
     * The name a variable has in a service's configuration, as Micronaut reads the environment:
     * {@code KAFKA_SASL_USERNAME} is {@code kafka.sasl.username}.
     */
    public static String configurationName(String variable) {
        return variable.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** The settings named by the lookup (variable name to value, null where unset). */
    public static Map<String, Object> from(Function<String, String> lookup) {
        Map<String, Object> settings = new LinkedHashMap<>();
        DIRECT.forEach((variable, setting) -> {
            String value = lookup.apply(variable);
            if (value != null && !value.isBlank()) {
                settings.put(setting, value);
            }
        });
        String username = lookup.apply(SASL_USERNAME);
        String password = lookup.apply(SASL_PASSWORD);
        if (!settings.containsKey("sasl.jaas.config") && username != null && !username.isBlank() && password != null) {
            settings.putIfAbsent("sasl.mechanism", "SCRAM-SHA-512");
            String loginModule = "PLAIN".equals(settings.get("sasl.mechanism"))
                    ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                    : "org.apache.kafka.common.security.scram.ScramLoginModule";
            settings.put("sasl.jaas.config", loginModule + " required username=\""
                    + quoted(username) + "\" password=\"" + quoted(password) + "\";");
        }
        String userInfo = lookup.apply(REGISTRY_USER_INFO);
        if (userInfo != null && !userInfo.isBlank()) {
            settings.put(RegistryConfig.BASIC_AUTH_SOURCE, "USER_INFO");
            settings.put(RegistryConfig.BASIC_AUTH_USER_INFO, userInfo);
        }
        return settings;
    }

    /**
     * For tools: the cluster and registry given (by a command's options, say), everything else
     * (security, registry credentials) from the process's environment.
     */
    public static Map<String, Object> of(String bootstrapServers, String registryUrl) {
        return from(variable -> switch (variable) {
            case BOOTSTRAP_SERVERS -> bootstrapServers;
            case REGISTRY_URL -> registryUrl;
            default -> System.getenv(variable);
        });
    }

    /**
     * For a tool's Kafka client: the cluster given, the security settings of the environment, and
     * the client's own settings on top.
     */
    public static Map<String, Object> kafka(String bootstrapServers, Map<String, ?> own) {
        return kafka(of(bootstrapServers, null), own);
    }

    /** For a Kafka client: the cluster's settings (bootstrap servers, security; registry ones left out) and its own on top. */
    public static Map<String, Object> kafka(Map<String, ?> cluster, Map<String, ?> own) {
        Map<String, Object> settings = kafkaOnly(new LinkedHashMap<>(cluster));
        settings.putAll(own);
        return settings;
    }

    /** The Kafka client settings alone (no registry ones), for clients that must not be handed unknown keys. */
    public static Map<String, Object> kafkaOnly(Map<String, ?> settings) {
        Map<String, Object> kafka = new LinkedHashMap<>(settings);
        kafka.keySet().removeIf(key -> key.startsWith("schema.registry.") || key.startsWith("basic.auth.")
                || key.startsWith("hirestream."));
        return kafka;
    }

    /**
     * The same settings for a librdkafka client (Confluent's Python, Go, .NET and C clients, kcat),
     * as its configuration names them: {@code sasl.username} and {@code sasl.password} rather than
     * a JAAS line, {@code ssl.ca.location} for a PEM trust file. Registry settings are not
     * librdkafka's and are left out.
     */
    public static Map<String, String> librdkafka(Function<String, String> lookup) {
        Map<String, String> settings = new LinkedHashMap<>();
        putIfSet(settings, "bootstrap.servers", lookup.apply(BOOTSTRAP_SERVERS));
        putIfSet(settings, "security.protocol", lookup.apply("KAFKA_SECURITY_PROTOCOL"));
        String username = lookup.apply(SASL_USERNAME);
        if (username != null && !username.isBlank()) {
            String mechanism = lookup.apply("KAFKA_SASL_MECHANISM");
            settings.put("sasl.mechanisms", mechanism == null || mechanism.isBlank() ? "SCRAM-SHA-512" : mechanism);
            settings.put("sasl.username", username);
            putIfSet(settings, "sasl.password", lookup.apply(SASL_PASSWORD));
        }
        if ("PEM".equalsIgnoreCase(lookup.apply("KAFKA_SSL_TRUSTSTORE_TYPE"))) {
            putIfSet(settings, "ssl.ca.location", lookup.apply("KAFKA_SSL_TRUSTSTORE_LOCATION"));
        }
        String identification = lookup.apply("KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM");
        if (identification != null) {
            settings.put("ssl.endpoint.identification.algorithm", identification.isBlank() ? "none" : identification);
        }
        return settings;
    }

    private static void putIfSet(Map<String, String> settings, String name, String value) {
        if (value != null && !value.isBlank()) {
            settings.put(name, value);
        }
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
