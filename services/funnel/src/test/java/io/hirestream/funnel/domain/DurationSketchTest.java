package io.hirestream.funnel.domain;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

class DurationSketchTest {

    @Property(tries = 300)
    void percentilesAreWithinOnePercentOfTheExactNearestRank(
            @ForAll @Size(min = 1, max = 400) List<@LongRange(min = 0, max = 400L * 24 * 3_600_000) Long> millis) {
        DurationSketch sketch = new DurationSketch();
        millis.forEach(sketch::add);
        List<Long> sorted = new ArrayList<>(millis);
        sorted.sort(null);

        for (double q : new double[]{0.5, 0.9, 0.99, 0.01}) {
            long exact = sorted.get((int) Math.max(1, Math.ceil(q * sorted.size())) - 1);
            assertThat(sketch.quantile(q)).as("q=%s", q).isCloseTo(exact, withinPercentage(1));
        }
    }

    @Property(tries = 200)
    void retractingValuesLeavesExactlyTheSketchOfTheRest(
            @ForAll @Size(min = 1, max = 200) List<@LongRange(min = 0, max = 10_000_000_000L) Long> kept,
            @ForAll @Size(max = 200) List<@LongRange(min = 0, max = 10_000_000_000L) Long> retracted) {
        DurationSketch sketch = new DurationSketch();
        DurationSketch expected = new DurationSketch();
        kept.forEach(sketch::add);
        kept.forEach(expected::add);
        retracted.forEach(sketch::add);
        retracted.forEach(sketch::remove);

        assertThat(sketch).isEqualTo(expected);
        assertThat(sketch.quantile(0.5)).isEqualTo(expected.quantile(0.5));
        assertThat(sketch.count()).isEqualTo(kept.size());
    }

    @Property(tries = 200)
    void mergingASketchInAndTakingItOutAgainLeavesTheFirst(
            @ForAll @Size(max = 100) List<@LongRange(min = 0, max = 10_000_000_000L) Long> first,
            @ForAll @Size(max = 100) List<@LongRange(min = 0, max = 10_000_000_000L) Long> second) {
        DurationSketch sketch = new DurationSketch();
        first.forEach(sketch::add);
        DurationSketch before = sketch.copy();
        DurationSketch other = new DurationSketch();
        second.forEach(other::add);

        sketch.merge(other, 1);
        DurationSketch both = new DurationSketch();
        first.forEach(both::add);
        second.forEach(both::add);
        assertThat(sketch).isEqualTo(both);
        assertThat(sketch.quantile(0.9)).isEqualTo(both.quantile(0.9));

        sketch.merge(other, -1);
        assertThat(sketch).isEqualTo(before);
        List<Integer> buckets = new ArrayList<>();
        sketch.forEachBucket((index, count) -> buckets.add(index));
        assertThat(buckets).as("only non-empty buckets are kept, in order").isSorted().doesNotHaveDuplicates();
    }

    @Property(tries = 200)
    void aSketchCopiedIntoAnotherHoldsWhatItHoldsAndNothingOfWhatTheOtherHeld(
            @ForAll @Size(max = 100) List<@LongRange(min = 0, max = 10_000_000_000L) Long> held,
            @ForAll @Size(max = 100) List<@LongRange(min = 0, max = 10_000_000_000L) Long> copied) {
        DurationSketch target = new DurationSketch();
        held.forEach(target::add);
        DurationSketch source = new DurationSketch();
        copied.forEach(source::add);

        target.copyFrom(source);
        assertThat(target).isEqualTo(source);
        assertThat(target.quantile(0.5)).isEqualTo(source.quantile(0.5));
        assertThat(target.quantile(0.99)).isEqualTo(source.quantile(0.99));

        source.add(1_000);
        assertThat(target.count()).as("the copy is its own").isEqualTo(copied.size());
    }
}
