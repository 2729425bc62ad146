package io.hirestream.service.streams;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP clients to the other instances of this service, by the {@code application.server} they
 * advertise, one per instance, with short timeouts: a query forwarded to a peer must fail fast
 * when the peer is gone, so that the caller can retry against the new owner. Every call carries
 * this instance's service token ({@code HIRESTREAM_SERVICE_TOKEN}, role {@code service}): the
 * peer routes answer nobody else.
 *
 * <p>Hand-built rather than a declarative client: the address is only known at run time, from
 * Kafka Streams' metadata, one per peer.
 */
@Singleton
public class PeerClients {

    private static final Logger LOG = LoggerFactory.getLogger(PeerClients.class);

    private final Map<HostInfo, HttpClient> clients = new ConcurrentHashMap<>();
    private final String serviceToken;

    public PeerClients(@Value("${hirestream.service-token:}") String serviceToken) {
        this.serviceToken = serviceToken;
        if (serviceToken.isBlank()) {
            LOG.warn("No service token (HIRESTREAM_SERVICE_TOKEN): queries this instance forwards to its peers will be refused");
        }
    }

    /** GETs the path from the peer as the type; a refusal or error is an HttpClientResponseException. */
    public <T> T get(HostInfo host, String path, Argument<T> type) {
        return of(host).retrieve(signedIn(HttpRequest.GET(path)), type);
    }

    public <T> T get(HostInfo host, String path, Class<T> type) {
        return get(host, path, Argument.of(type));
    }

    private MutableHttpRequest<?> signedIn(MutableHttpRequest<?> request) {
        return serviceToken.isBlank() ? request : request.bearerAuth(serviceToken);
    }

    private BlockingHttpClient of(HostInfo host) {
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
