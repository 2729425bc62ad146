package io.hirestream.testkit;

import io.hirestream.registry.RegistryConfig;
import io.hirestream.serde.AvroSerializer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * For pure unit tests (topology tests without a broker): serde settings for a registry in the
 * test's JVM, {@code mock://SCOPE-<random>}, to which serializers register the schemas they write.
 * Integration tests use the run's real registry.
 */
public final class UnitTestRegistry {

    private UnitTestRegistry() {
    }

    public static Map<String, Object> settings(String scope) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(RegistryConfig.URL, "mock://" + scope + "-" + UUID.randomUUID());
        settings.put(AvroSerializer.AUTO_REGISTER_SCHEMAS, "true");
        return settings;
    }
}
