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
}
