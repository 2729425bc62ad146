package io.hirestream.registry;

import io.hirestream.clients.ClientSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach a schema registry that speaks the Confluent Schema Registry REST API. The keys are
 * Confluent's own ({@code schema.registry.url}, {@code basic.auth.*}), so one client configuration
 * serves hirestream's serde and Confluent's alike.
 *
 * @param urls           base URLs, tried in order (Apicurio: {@code http://host:8081/apis/ccompat/v7})
 * @param authorization  the HTTP Authorization header value, if the registry wants basic auth
 * @param requestTimeout bound on one HTTP request
 * @param maxAttempts    attempts per call on timeouts and 5xx answers, with doubling backoff
 * @param retryBackoff   the first backoff
 * @param outageWait     how long a serde waits, retrying, for a registry that cannot be reached or fails on
 *                       its side before it gives up; empty: as long as it takes (a record processor has
 *                       nothing better to do, and the record is not at fault)
 * @param unknownIdGrace how long a schema id the registry does not know is taken for one it has not
 *                       replicated yet (a registry failover) before records naming it count as poison
 */
public record RegistryConfig(List<URI> urls,
                             Optional<String> authorization,
                             Duration requestTimeout,
                             int maxAttempts,
                             Duration retryBackoff,
                             Optional<Duration> outageWait,
                             Duration unknownIdGrace) {

    public static final String URL = "schema.registry.url";
    public static final String BASIC_AUTH_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String REQUEST_TIMEOUT_MS = "hirestream.registry.request.timeout.ms";
    public static final String MAX_ATTEMPTS = "hirestream.registry.max.attempts";
    public static final String RETRY_BACKOFF_MS = "hirestream.registry.retry.backoff.ms";
    public static final String OUTAGE_WAIT_MS = "hirestream.registry.outage.wait.ms";
    public static final String UNKNOWN_ID_GRACE_MS = "hirestream.registry.unknown.id.grace.ms";

    public RegistryConfig {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no schema registry URL: set " + URL);
        }
        urls = List.copyOf(urls);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(MAX_ATTEMPTS + " must be at least 1");
        }
    }

    /**
     * For tools (provisioning, the ops commands): a registry that cannot be reached fails the call
     * after the bounded attempts, with the registry's URL, rather than waiting for it as serdes do.
     */
    public static RegistryConfig of(String url) {
        Map<String, Object> settings = new java.util.HashMap<>(ClientSettings.of(null, url));
        settings.put(OUTAGE_WAIT_MS, "0");
        return from(settings);
    }

    /** Reads the registry settings out of a Kafka client configuration map. */
    public static RegistryConfig from(Map<String, ?> configs) {
        Object url = configs.get(URL);
        if (url == null || url.toString().isBlank()) {
            throw new IllegalArgumentException("no schema registry URL: set " + URL
                    + " (for example http://127.0.0.1:8081/apis/ccompat/v7)");
        }
        List<URI> urls = Arrays.stream(url.toString().split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s))
                .toList();
        Optional<String> authorization = Optional.empty();
        Object source = configs.get(BASIC_AUTH_SOURCE);
        Object userInfo = configs.get(BASIC_AUTH_USER_INFO);
        if (userInfo != null && (source == null || "USER_INFO".equalsIgnoreCase(source.toString()))) {
            authorization = Optional.of("Basic " + Base64.getEncoder().encodeToString(userInfo.toString().getBytes()));
        }
        return new RegistryConfig(urls, authorization,
                Duration.ofMillis(longOr(configs.get(REQUEST_TIMEOUT_MS), 5_000)),
                (int) longOr(configs.get(MAX_ATTEMPTS), 4),
                Duration.ofMillis(longOr(configs.get(RETRY_BACKOFF_MS), 100)),
                configs.get(OUTAGE_WAIT_MS) == null || configs.get(OUTAGE_WAIT_MS).toString().isBlank() ? Optional.empty()
                        : Optional.of(Duration.ofMillis(longOr(configs.get(OUTAGE_WAIT_MS), 0))),
                Duration.ofMillis(longOr(configs.get(UNKNOWN_ID_GRACE_MS), 30_000)));
    }

    private static long longOr(Object value, long fallback) {
        return value == null || value.toString().isBlank() ? fallback : Long.parseLong(value.toString().trim());
    }

    /** The URLs as one string, for error messages. */
    public String describe() {
        return urls.size() == 1 ? urls.get(0).toString() : urls.toString();
    }
}
