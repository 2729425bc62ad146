package io.hirestream.bench;

import io.hirestream.events.ApplicationScreened;
import io.hirestream.events.ApplicationSource;
import io.hirestream.events.ApplicationSubmitted;
import io.hirestream.events.Degree;
import io.hirestream.events.InterviewCompleted;
import io.hirestream.events.OfferExtended;
import io.hirestream.events.Outcome;
import io.hirestream.events.Recommendation;
import io.hirestream.events.ScreeningReason;
import io.hirestream.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A realistic stream of application events: most applications stop after screening, fewer reach
 * the interview and fewer still an offer, across a dozen roles and eight locations where one
 * viral posting draws a third of the traffic. Events of an application follow it in time.
 */
final class EventMix {

    private static final String[] ROLES = {"Machine Learning Engineer", "Data Engineer", "Backend Engineer",
            "Frontend Engineer", "Site Reliability Engineer", "Product Manager", "Product Designer", "Data Scientist",
            "Security Engineer", "Engineering Manager", "Technical Writer", "Recruiter"};
    private static final String[] LOCATIONS = {"Remote, US", "New York, US", "San Francisco, US", "Austin, US",
            "Berlin, DE", "London, UK", "Toronto, CA", "Bangalore, IN"};
    private final SplittableRandom random;
    private final Instant start;
    private final long spacingMillis;

    /** A year of history: applications 15 s apart from the start of 2025, as a replay would see them. */
    static EventMix history(long seed) {
        return new EventMix(seed, Instant.parse("2025-01-01T00:00:00Z"), 15_000);
    }

    /** Live traffic: applications as they arrive now, their later stages just after. */
    static EventMix live(long seed) {
        return new EventMix(seed, Instant.now(), 0);
    }

    private EventMix(long seed, Instant start, long spacingMillis) {
        this.random = new SplittableRandom(seed);
        this.start = start;
        this.spacingMillis = spacingMillis;
    }

    /** Hands out the events of applications until {@code events} have been produced; returns how many applications. */
    long generate(long events, Consumer<ProducerRecord<String, SpecificRecord>> sink) {
        long produced = 0;
        long applications = 0;
        while (produced < events) {
            List<ProducerRecord<String, SpecificRecord>> application = application(applications++);
            for (ProducerRecord<String, SpecificRecord> record : application) {
                if (produced++ >= events) {
                    break;
                }
                sink.accept(record);
            }
        }
        return applications;
    }

    private List<ProducerRecord<String, SpecificRecord>> application(long sequence) {
        String applicationId = UUID.randomUUID().toString();
        String role;
        String location;
        if (random.nextInt(3) == 0) {
            role = ROLES[0];
            location = LOCATIONS[0];
        } else {
            role = ROLES[random.nextInt(ROLES.length)];
            location = LOCATIONS[random.nextInt(LOCATIONS.length)];
        }
        String requisitionId = "req-" + Math.abs((role + location).hashCode());
        Instant applied = spacingMillis == 0 ? Instant.now()
                : start.plusMillis(sequence * spacingMillis + random.nextInt((int) spacingMillis));
        ProducerRecord<String, SpecificRecord> appliedEvent = record(Topics.APPLIED.name(), applicationId,
                new ApplicationSubmitted(id(), applicationId, requisitionId, role, location, applied, id(),
                        ApplicationSource.values()[random.nextInt(ApplicationSource.values().length)],
                        random.nextInt(20), Degree.values()[random.nextInt(4)], "US"), applied);
        // 70% are screened, 35% of those pass; 55% of interviews pass and end in an offer.
        if (random.nextInt(100) >= 70) {
            return List.of(appliedEvent);
        }
        Instant screenedAt = applied.plus(hours(1, 96));
        boolean passedScreening = random.nextInt(100) < 35;
        ProducerRecord<String, SpecificRecord> screened = record(Topics.SCREENED.name(), applicationId,
                new ApplicationScreened(id(), applicationId, requisitionId, role, location, screenedAt,
                        passedScreening ? Outcome.PASSED : Outcome.REJECTED,
                        passedScreening ? List.of() : List.of(ScreeningReason.EXPERIENCE_BELOW_MINIMUM), "bench", null), screenedAt);
        if (!passedScreening) {
            return List.of(appliedEvent, screened);
        }
        Instant interviewedAt = screenedAt.plus(hours(72, 500));
        boolean passedInterview = random.nextInt(100) < 55;
        ProducerRecord<String, SpecificRecord> interviewed = record(Topics.INTERVIEWED.name(), applicationId,
                new InterviewCompleted(id(), applicationId, requisitionId, role, location, interviewedAt,
                        passedInterview ? Outcome.PASSED : Outcome.REJECTED,
                        passedInterview ? Recommendation.YES : Recommendation.NO, List.of()), interviewedAt);
        if (!passedInterview) {
            return List.of(appliedEvent, screened, interviewed);
        }
        Instant offeredAt = interviewedAt.plus(hours(24, 240));
        ProducerRecord<String, SpecificRecord> offered = record(Topics.OFFERED.name(), applicationId,
                new OfferExtended(id(), applicationId, requisitionId, role, location, offeredAt,
                        new BigDecimal(150_000 + random.nextInt(150_000)).setScale(2), "USD", null), offeredAt);
        return List.of(appliedEvent, screened, interviewed, offered);
    }

    private Duration hours(int min, int max) {
        return Duration.ofMinutes(min * 60L + random.nextInt((max - min) * 60));
    }

    private String id() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private static ProducerRecord<String, SpecificRecord> record(String topic, String key, SpecificRecord value, Instant at) {
        return new ProducerRecord<>(topic, null, at.toEpochMilli(), key, value);
    }
}
