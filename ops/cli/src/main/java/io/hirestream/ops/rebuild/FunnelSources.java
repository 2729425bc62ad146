package io.hirestream.ops.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hirestream.events.ApplicationScreened;
import io.hirestream.events.ApplicationSubmitted;
import io.hirestream.events.FunnelMetrics;
import io.hirestream.events.InterviewCompleted;
import io.hirestream.events.OfferExtended;
import io.hirestream.events.Outcome;
import io.hirestream.ops.kafka.Clusters;
import io.hirestream.ops.kafka.RangeReader;
import io.hirestream.topics.Topic;
import io.hirestream.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Where the rebuild reads funnel rows from: the funnel's API, the metrics topic, and the stage topics themselves. */
final class FunnelSources {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Admin admin;
    private final Map<String, Object> clientConfigs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** @param clientConfigs the cluster's and registry's client settings */
    FunnelSources(Admin admin, Map<String, Object> clientConfigs) {
        this.admin = admin;
        this.clientConfigs = clientConfigs;
    }

    /** The rows the funnel answers now at {@code GET /api/funnel}, every page of them. */
    Map<String, FunnelRow> fromApi(String funnelUrl, String bearerToken) throws IOException, InterruptedException {
        Map<String, FunnelRow> rows = new TreeMap<>();
        String cursor = null;
        do {
            String page = funnelUrl + "/api/funnel?limit=1000"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(page))
                    .header("Authorization", "Bearer " + bearerToken).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("the funnel answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode answer = JSON.readTree(response.body());
            for (JsonNode row : answer.path("rows")) {
                FunnelRow parsed = FunnelRow.fromJson(row);
                rows.put(parsed.key(), parsed);
            }
            cursor = answer.path("nextCursor").isTextual() ? answer.path("nextCursor").asText() : null;
        } while (cursor != null);
        return rows;
    }

    /** The latest row per (role, location) on the compacted metrics topic. */
    Map<String, FunnelRow> fromMetricsTopic() {
        Deserializer<FunnelMetrics> values = Topics.FUNNEL_METRICS.valueSerde(clientConfigs).deserializer();
        Map<String, FunnelRow> rows = new TreeMap<>();
        new RangeReader(clientConfigs).read(Clusters.wholeTopic(admin, Topics.FUNNEL_METRICS.name()), record -> {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            if (record.value() == null) {
                rows.remove(key);
            } else {
                rows.put(key, FunnelRow.fromMetrics(values.deserialize(record.topic(), record.value())));
            }
        });
        Map<String, FunnelRow> byRow = new TreeMap<>();
        rows.values().forEach(row -> byRow.put(row.key(), row));
        return byRow;
    }

    /** The rows recomputed offline from every event on the four stage topics. */
    Map<String, FunnelRow> recomputed() {
        return recomputation().advance();
    }

    /** An offline recomputation to move forward cut by cut, reading each event once. */
    Recomputation recomputation() {
        return new Recomputation();
    }

    /**
     * The offline funnel as of a cut of the stage topics: {@link #advance()} reads what was added
     * since the last cut, up to the topics' ends at that moment, and answers the rows as of the new cut.
     */
    final class Recomputation {

        private final OfflineFunnel funnel = new OfflineFunnel();
        private final Map<TopicPartition, Long> positions = new HashMap<>();

        Map<String, FunnelRow> advance() {
            read(Topics.APPLIED, (ApplicationSubmitted e) -> funnel.add(new OfflineFunnel.Event(e.getEventId(),
                    e.getApplicationId(), 0, e.getRole(), e.getLocation(), e.getOccurredAt().toEpochMilli(), null)));
            read(Topics.SCREENED, (ApplicationScreened e) -> funnel.add(new OfflineFunnel.Event(e.getEventId(),
                    e.getApplicationId(), 1, e.getRole(), e.getLocation(), e.getOccurredAt().toEpochMilli(),
                    e.getOutcome() == Outcome.PASSED)));
            read(Topics.INTERVIEWED, (InterviewCompleted e) -> funnel.add(new OfflineFunnel.Event(e.getEventId(),
                    e.getApplicationId(), 2, e.getRole(), e.getLocation(), e.getOccurredAt().toEpochMilli(),
                    e.getOutcome() == Outcome.PASSED)));
            read(Topics.OFFERED, (OfferExtended e) -> funnel.add(new OfflineFunnel.Event(e.getEventId(),
                    e.getApplicationId(), 3, e.getRole(), e.getLocation(), e.getOccurredAt().toEpochMilli(), null)));
            return funnel.rows();
        }

        private <V> void read(Topic<String, V> topic, java.util.function.Consumer<V> each) {
            Deserializer<V> values = topic.valueSerde(clientConfigs).deserializer();
            Map<TopicPartition, RangeReader.Range> ranges = new HashMap<>();
            Clusters.endOffsets(admin, Clusters.partitions(admin, topic.name())).forEach((partition, end) ->
                    ranges.put(partition, new RangeReader.Range(positions.getOrDefault(partition, 0L), end)));
            new RangeReader(clientConfigs).read(ranges, record -> {
                if (record.value() == null) {
                    return;
                }
                V value;
                try {
                    value = values.deserialize(record.topic(), record.value());
                } catch (RuntimeException poison) {
                    // The funnel dead-letters what it cannot read; the recomputation leaves it out the same way.
                    return;
                }
                each.accept(value);
            });
            ranges.forEach((partition, range) -> positions.put(partition, Math.max(range.start(), range.end())));
        }
    }
}
