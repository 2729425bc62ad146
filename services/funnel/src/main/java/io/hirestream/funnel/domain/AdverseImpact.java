package io.hirestream.funnel.domain;

import org.apache.commons.statistics.inference.FisherExactTest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The adverse-impact check of the funnel's deciding stages: for each stage, each group's selection
 * rate (selected / considered) against the highest group's, flagged under four fifths of it (the
 * four-fifths rule, 29 CFR 1607.4(D)), with Fisher's exact test of the difference. Computed from
 * the funnel's counts by declaration, summed over the declarations a group takes in, so a group is
 * exact and live like every other number of the funnel.
 *
 * <p>At SCREENED the considered are those who reached APPLIED and the selected those who passed
 * screening; at INTERVIEWED, those who reached SCREENED and those who passed the interviews; at
 * OFFERED, those who reached INTERVIEWED and those who reached OFFERED.
 *
 * <p>A group with fewer than the minimum size considered is suppressed: its counts are not shown,
 * and it is never the reference. Those who declined to declare are a group of their own, shown,
 * never the reference and never flagged: the check is about the groups people declared.
 */
public final class AdverseImpact {

    /** Under this share of the reference group's rate, a group is flagged. */
    public static final double FOUR_FIFTHS = 0.8;
    private static final FisherExactTest FISHER = FisherExactTest.withDefaults();
    /** Groups by name, DECLINED last. */
    private static final Comparator<String> GROUP_ORDER = Comparator.comparing((String group) -> group.equals(Declaration.DECLINED))
            .thenComparing(Comparator.naturalOrder());

    private AdverseImpact() {
    }

    /** The groups the check compares, by one category or by sex and race/ethnicity together. */
    public enum Dimension {
        SEX(Declaration::sex),
        RACE_ETHNICITY(Declaration::raceEthnicity),
        VETERAN(Declaration::veteran),
        DISABILITY(Declaration::disability),
        /** The intersection, as bias audits of automated employment decision tools report it: {@code FEMALE/ASIAN}. */
        SEX_AND_RACE_ETHNICITY(declaration -> declaration.sex() + "/" + declaration.raceEthnicity());

        private final Function<Declaration, String> group;

        Dimension(Function<Declaration, String> group) {
            this.group = group;
        }

        /** The group a declaration belongs to; declined where any category it groups by is. */
        String groupOf(Declaration declaration) {
            String name = group.apply(declaration);
            return name.contains(Declaration.DECLINED) ? Declaration.DECLINED : name;
        }
    }

    /**
     * One group at one stage. Counts, rates, ratio and p-value are null where the group is
     * suppressed; the ratio where there is no reference, the p-value for the reference itself.
     */
    public record Group(String group, Long considered, Long selected, Double selectionRate, Double impactRatio,
                        boolean flagged, Double pValue, boolean suppressed) {
    }

    /** A deciding stage and its groups. */
    public record StageGroups(Stage stage, List<Group> groups) {
    }

    /**
     * The counts of each group of the dimension, summed from the counts per declaration group (as
     * {@link Declaration#group} names them), in group order with DECLINED last: what the check is
     * computed from, as the funnel publishes it.
     */
    public static Map<String, FunnelCounts> byGroup(Map<String, FunnelCounts> byDeclaration, Dimension dimension) {
        Map<String, FunnelCounts> groups = new TreeMap<>(GROUP_ORDER);
        byDeclaration.forEach((declaration, counts) -> groups
                .computeIfAbsent(dimension.groupOf(Declaration.ofGroup(declaration)), g -> new FunnelCounts()).merge(counts, 1));
        return groups;
    }

    /**
     * @param byDeclaration    the funnel's counts per declaration group (as {@link Declaration#group} names them)
     * @param dimension        what to group by
     * @param minimumGroupSize groups with fewer considered are suppressed
     */
    public static List<StageGroups> check(Map<String, FunnelRow> byDeclaration, Dimension dimension, int minimumGroupSize) {
        if (minimumGroupSize < 1) {
            throw new IllegalArgumentException("the minimum group size is at least 1");
        }
        Map<String, long[]> sums = new TreeMap<>(GROUP_ORDER);
        byDeclaration.forEach((declaration, row) -> {
            long[] counts = sums.computeIfAbsent(dimension.groupOf(Declaration.ofGroup(declaration)), g -> new long[6]);
            counts[0] += row.reached().get(Stage.APPLIED);
            counts[1] += row.passed().get(Stage.SCREENED);
            counts[2] += row.reached().get(Stage.SCREENED);
            counts[3] += row.passed().get(Stage.INTERVIEWED);
            counts[4] += row.reached().get(Stage.INTERVIEWED);
            counts[5] += row.reached().get(Stage.OFFERED);
        });
        List<StageGroups> stages = new ArrayList<>();
        Stage[] deciding = {Stage.SCREENED, Stage.INTERVIEWED, Stage.OFFERED};
        for (int s = 0; s < deciding.length; s++) {
            int at = s * 2;
            stages.add(new StageGroups(deciding[s], groups(sums, at, minimumGroupSize)));
        }
        return stages;
    }

    private static List<Group> groups(Map<String, long[]> sums, int at, int minimumGroupSize) {
        String reference = null;
        double referenceRate = -1;
        for (Map.Entry<String, long[]> entry : sums.entrySet()) {
            long considered = entry.getValue()[at];
            if (entry.getKey().equals(Declaration.DECLINED) || considered < minimumGroupSize) {
                continue;
            }
            double rate = (double) entry.getValue()[at + 1] / considered;
            if (rate > referenceRate) {
                reference = entry.getKey();
                referenceRate = rate;
            }
        }
        List<Group> groups = new ArrayList<>();
        for (Map.Entry<String, long[]> entry : sums.entrySet()) {
            String group = entry.getKey();
            long considered = entry.getValue()[at];
            long selected = entry.getValue()[at + 1];
            if (considered < minimumGroupSize) {
                groups.add(new Group(group, null, null, null, null, false, null, true));
                continue;
            }
            double rate = (double) selected / considered;
            Double ratio = reference == null || referenceRate == 0 ? null : rate / referenceRate;
            boolean flagged = ratio != null && ratio < FOUR_FIFTHS && !group.equals(Declaration.DECLINED);
            Double pValue = null;
            if (reference != null && !group.equals(reference)) {
                long[] of = sums.get(reference);
                pValue = FISHER.test(new int[][]{
                        {Math.toIntExact(selected), Math.toIntExact(considered - selected)},
                        {Math.toIntExact(of[at + 1]), Math.toIntExact(of[at] - of[at + 1])}}).getPValue();
            }
            groups.add(new Group(group, considered, selected, rate, ratio, flagged, pValue, false));
        }
        return groups;
    }
}
