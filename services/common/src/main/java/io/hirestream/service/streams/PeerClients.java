package io.hirestream.service.streams;

import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.state.HostInfo;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP clients to the other instances of this service, by the {@code application.server} they
 * advertise, one per instance, with short timeouts: a query forwarded to a peer must fail fast
 * when the peer is gone, so that the caller can retry against the new owner.
 */
@Singleton
public class PeerClients {

    private final Map<HostInfo, HttpClient> clients = new ConcurrentHashMap<>();

    public BlockingHttpClient of(HostInfo host) {
        return clients.computeIfAbsent(host, h -> {
            DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
            configuration.setReadTimeout(Duration.ofSeconds(3));
            configuration.setConnectTimeout(Duration.ofSeconds(1));
            try {
                return HttpClient.create(URI.create("http://" + h.host() + ":" + h.port()).toURL(), configuration);
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("bad application.server " + h, e);
            }
        }).toBlocking();
    }

    @PreDestroy
    void close() {
        clients.values().forEach(HttpClient::close);
    }
}
