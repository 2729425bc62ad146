package io.hirestream.ops.dlq;

import io.hirestream.deadletter.DeadLetter;
import io.hirestream.ops.kafka.Clusters;
import io.hirestream.ops.kafka.RangeReader;
import io.hirestream.topics.Topics;
import org.apache.kafka.clients.admin.Admin;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The dead-letter topic as ops read it: every letter, and which were already sent back. */
public final class DeadLetters {

    /** One dead letter and where it sits on the dead-letter topic. */
    public record Letter(int partition, long offset, DeadLetter letter) {

        /** The failed record's own place, which says whether it was redriven: several services may fail on one record. */
        public String sourceKey() {
            return letter.sourceTopic() + "/" + letter.sourcePartition() + "/" + letter.sourceOffset();
        }

        public String key() {
            return letter.key() == null ? null : new String(letter.key(), StandardCharsets.UTF_8);
        }
    }

    /** A group of letters with the same source topic, error and service. */
    public record Group(String sourceTopic, String error, String service, long count, long redriven, Instant first,
                        Instant last, String example) {
    }

    private final List<Letter> letters;
    private final Set<String> redriven;

    DeadLetters(List<Letter> letters, Set<String> redriven) {
        this.letters = List.copyOf(letters);
        this.redriven = Set.copyOf(redriven);
    }

    /** Reads the whole dead-letter topic and the ledger of what was redriven. */
    public static DeadLetters read(Admin admin, Map<String, ?> cluster) {
        RangeReader reader = new RangeReader(cluster);
        List<Letter> letters = new ArrayList<>();
        reader.read(Clusters.wholeTopic(admin, Topics.DEAD_LETTERS_TOPIC.name()), record ->
                DeadLetter.from(record).ifPresent(letter -> letters.add(new Letter(record.partition(), record.offset(), letter))));
        Set<String> redriven = new HashSet<>();
        reader.read(Clusters.wholeTopic(admin, Topics.DEAD_LETTERS_REDRIVEN.name()), record -> {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            if (record.value() == null) {
                redriven.remove(key);
            } else {
                redriven.add(key);
            }
        });
        return new DeadLetters(letters, redriven);
    }

    public List<Letter> letters() {
        return letters;
    }

    public boolean wasRedriven(Letter letter) {
        return redriven.contains(letter.sourceKey());
    }

    /** Letters grouped by source topic, error and service, the largest group first. */
    public List<Group> groups(Predicate<Letter> filter) {
        Map<List<String>, List<Letter>> byReason = letters.stream().filter(filter).collect(Collectors.groupingBy(
                l -> List.of(l.letter().sourceTopic(), l.letter().error(), l.letter().service()), LinkedHashMap::new, Collectors.toList()));
        return byReason.entrySet().stream().map(entry -> {
            List<Letter> group = entry.getValue();
            return new Group(entry.getKey().get(0), entry.getKey().get(1), entry.getKey().get(2), group.size(),
                    group.stream().filter(this::wasRedriven).count(),
                    group.stream().map(l -> l.letter().failedAt()).min(Comparator.naturalOrder()).orElseThrow(),
                    group.stream().map(l -> l.letter().failedAt()).max(Comparator.naturalOrder()).orElseThrow(),
                    group.getFirst().letter().message());
        }).sorted(Comparator.comparingLong(Group::count).reversed()).toList();
    }

    /**
     * The letters to send back: those the filter chooses, one per failed record however many
     * services failed on it, none that was sent back before.
     */
    public Plan plan(Predicate<Letter> filter) {
        Map<String, Letter> chosen = new LinkedHashMap<>();
        long already = 0;
        for (Letter letter : letters) {
            if (!filter.test(letter) || chosen.containsKey(letter.sourceKey())) {
                continue;
            }
            if (wasRedriven(letter)) {
                already++;
                continue;
            }
            chosen.put(letter.sourceKey(), letter);
        }
        return new Plan(List.copyOf(chosen.values()), already);
    }

    /** What a redrive would send, and how many chosen letters it skips because they were sent before. */
    public record Plan(List<Letter> toSend, long alreadyRedriven) {
    }
}
