package io.hirestream.streams;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

import java.util.Iterator;

/** Key-value iterators over entries already in memory. */
final class KeyValueIterators {

    private KeyValueIterators() {
    }

    static <K, V> KeyValueIterator<K, V> of(Iterator<KeyValue<K, V>> entries) {
        return new KeyValueIterator<>() {
            @Override
            public void close() {
            }

            @Override
            public K peekNextKey() {
                throw new UnsupportedOperationException("peekNextKey");
            }

            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public KeyValue<K, V> next() {
                return entries.next();
            }
        };
    }
}
