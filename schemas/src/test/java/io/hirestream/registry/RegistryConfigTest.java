package io.hirestream.registry;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryConfigTest {

    @Test
    void readsConfluentsKeysSoThatOneClientConfigurationServesBothSerdes() {
        RegistryConfig config = RegistryConfig.from(Map.of(
                "schema.registry.url", "http://a:8081/apis/ccompat/v7/, http://b:8081/apis/ccompat/v7",
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "analytics:secret"));

        assertThat(config.urls()).containsExactly(URI.create("http://a:8081/apis/ccompat/v7"), URI.create("http://b:8081/apis/ccompat/v7"));
        assertThat(config.authorization()).contains("Basic YW5hbHl0aWNzOnNlY3JldA==");
    }

    @Test
    void aMissingUrlSaysWhichKeyToSet() {
        assertThatThrownBy(() -> RegistryConfig.from(Map.of())).hasMessageContaining("schema.registry.url");
    }
}
