package io.hirestream.bench;

import io.hirestream.clients.ClientSettings;
import io.hirestream.funnel.StagePartitions;
import io.hirestream.funnel.topology.CatchUp;
import io.hirestream.funnel.domain.FunnelView;
import io.hirestream.funnel.domain.Slice;
import io.hirestream.funnel.topology.FunnelTopology;
import io.hirestream.provisioning.Provisioning;
import io.hirestream.service.LinuxThread;
import io.hirestream.stack.Folders;
import io.hirestream.topics.Topic;
import io.hirestream.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One measured run in a JVM of its own, so that neither application profits from the other
 * having warmed the JIT: runs the named topology over the stage topics until all is committed
 * and prints {@code seconds=<s>}.
 *
 * <p>Arguments: {@code count|funnel BOOTSTRAP REGISTRY_URL COMMIT_INTERVAL_MS THREADS CATCH_UP_COMMIT_INTERVAL_MS}: both
 * commit every COMMIT_INTERVAL_MS, except the funnel while it is far behind (its catch-up mode, as the service
 * runs it), which commits every CATCH_UP_COMMIT_INTERVAL_MS.
 */
public final class StreamsRunMain {

    private StreamsRunMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("logback.configurationFile", "bench-logback.xml");
        String name = args[0];
        Map<String, Object> clients = ClientSettings.of(args[1], args[2]);
        Properties config = new Properties();
        config.putAll(clients);
        // Under the funnel's application-id prefix: on a secured broker it runs as the funnel, under the funnel's ACLs.
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "hirestream-funnel-bench-" + name + "-"
                + UUID.randomUUID().toString().substring(0, 8));
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, args[3]);
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, args[4]);
        Path stateDir = Files.createTempDirectory("bench-state-");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        // The funnel service's own settings, given to both so that they differ in topology only.
        config.putAll(FunnelTopology.streamsSettings());
        StreamsBuilder builder = new StreamsBuilder();
        // Far behind and caught up again as the service's defaults have it (FUNNEL_CATCH_UP_LAG).
        CatchUp catchUp = new CatchUp(Duration.ofMillis(Long.parseLong(args[3])), 50_000, 5_000);
        try (Admin admin = Provisioning.admin(args[1])) {
            if (name.equals("count")) {
                // The baseline: the least an exactly-once stateful application can do with each event.
                builder.stream(Topics.APPLICATION_EVENTS.stream().map(Topic::name).toList(),
                                Consumed.with(Serdes.String(), Serdes.ByteArray()))
                        .groupByKey()
                        .count();
            } else {
                // The view the service's queries read is kept up as the service keeps it: its cost is part of the figure.
                // "funnel" as the service runs by default; "funnel-rows" with its rows alone (FUNNEL_SLICES=NONE).
                FunnelTopology.build(builder, Duration.ofSeconds(1), clients, new StagePartitions(admin)::await,
                        name.equals("funnel-rows") ? new FunnelView(EnumSet.noneOf(Slice.Dimension.class)) : new FunnelView(),
                        catchUp, 10);
                config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, args[5]);
            }
            double seconds = StreamsRun.secondsToCatchUp(builder.build(config), config, admin,
                    Topics.APPLICATION_EVENTS.stream().map(Topic::name).toList(), catchUp::watch,
                    Boolean.getBoolean("hirestream.bench.thread-cpu") ? StreamsRunMain::printCpuByThread : () -> { });
            catchUp.close();
            Folders.deleteQuietly(stateDir);
            System.out.println("seconds=" + seconds);
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            System.out.println("cpu-seconds=" + os.getProcessCpuTime() / 1e9);
        }
    }

    /**
     * CPU seconds per kind of thread (digits in names folded), the busiest first: read before the
     * application closes, so that its stream threads and their producers are counted.
     */
    private static void printCpuByThread() {
        Map<String, Double> byThread = new TreeMap<>();
        for (LinuxThread thread : LinuxThread.all()) {
            byThread.merge(thread.name().replaceAll("[0-9]+", "N"), thread.cpuSeconds(), Double::sum);
        }
        byThread.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(12)
                .forEach(e -> System.out.printf("thread-cpu %-24s %6.1f s%n", e.getKey(), e.getValue()));
    }
}
