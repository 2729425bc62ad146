package io.hirestream.funnel.topology;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.junit.jupiter.api.Test;
import org.rocksdb.Options;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The store on disk, as the funnel's Streams settings configure it. */
class RocksDbSettingsTest {

    @Test
    void theFunnelsStreamsSettingsFilterEachMemtablesKeys() {
        Properties settings = new Properties();
        settings.putAll(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "funnel", StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092"));
        settings.putAll(FunnelTopology.streamsSettings());
        // As Kafka Streams makes the setter for each RocksDB store it opens.
        RocksDBConfigSetter setter = new StreamsConfig(settings).getConfiguredInstance(
                StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, RocksDBConfigSetter.class);

        try (Options options = new Options()) {
            setter.setConfig(FunnelTopology.APPLICATIONS_STORE, options, Map.of());

            assertThat(options.memtableWholeKeyFiltering()).isTrue();
            assertThat(options.memtablePrefixBloomSizeRatio()).isEqualTo(RocksDbSettings.MEMTABLE_FILTER_RATIO);
        }
    }
}
