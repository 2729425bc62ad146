package io.hirestream.offer.topology;

import io.hirestream.events.ApplicationSubmitted;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps each applicant's stated experience, which the drafting rule needs later. */
final class ApplicantRecorder implements Processor<String, ApplicationSubmitted, Void, Void> {

    private KeyValueStore<String, Integer> applicants;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.applicants = context.getStateStore(OfferTopology.APPLICANTS_STORE);
    }

    @Override
    public void process(Record<String, ApplicationSubmitted> record) {
        if (record.value() != null) {
            applicants.putIfAbsent(record.key(), record.value().getYearsOfExperience());
        }
    }
}
