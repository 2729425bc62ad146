package io.hirestream.funnel.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hirestream.access.Roles;
import io.hirestream.funnel.FunnelSettings;
import io.hirestream.funnel.domain.AdverseImpact;
import io.hirestream.funnel.domain.FunnelRow;
import io.hirestream.funnel.domain.FunnelView;
import io.hirestream.funnel.domain.Slice;
import io.hirestream.service.http.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The adverse-impact check, live: selection rates by self-identified group at each deciding stage,
 * for compliance alone. Aggregates only: no route shows what any one person declared, and a group
 * smaller than the minimum size shows no counts.
 */
@Controller("/api/fairness")
@Secured(Roles.COMPLIANCE)
public class FairnessController {

    private static final Map<String, AdverseImpact.Dimension> DIMENSIONS = Map.of(
            "sex", AdverseImpact.Dimension.SEX,
            "raceEthnicity", AdverseImpact.Dimension.RACE_ETHNICITY,
            "veteran", AdverseImpact.Dimension.VETERAN,
            "disability", AdverseImpact.Dimension.DISABILITY,
            "sexAndRaceEthnicity", AdverseImpact.Dimension.SEX_AND_RACE_ETHNICITY);

    private final FunnelQueries queries;
    private final int minimumGroupSize;
    private final Clock clock = Clock.systemUTC();

    public FairnessController(FunnelQueries queries, FunnelSettings settings) {
        this.queries = queries;
        this.minimumGroupSize = settings.fairnessMinimumGroupSize();
    }

    /** The check over the rows of the role and of the location where given (null: all of them). */
    @Get(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public FairnessJson fairness(@Nullable @QueryValue String role, @Nullable @QueryValue String location,
                                 @Nullable @QueryValue String dimension) {
        AdverseImpact.Dimension by = dimension == null ? null : DIMENSIONS.get(dimension);
        if (by == null) {
            throw ProblemException.badRequest("dimension", "dimension must be one of sex, raceEthnicity, veteran, disability"
                    + " or sexAndRaceEthnicity");
        }
        Map<String, FunnelRow> byDeclaration = new LinkedHashMap<>();
        for (FunnelView.SliceRow row : queries.slices(Slice.Dimension.DECLARATION, null, null, role, location, null, 0).totals()) {
            byDeclaration.put(row.group(), row.row());
        }
        List<FairnessJson.StageJson> stages = AdverseImpact.check(byDeclaration, by, minimumGroupSize).stream()
                .map(stage -> new FairnessJson.StageJson(stage.stage().name(), stage.groups().stream()
                        .map(g -> new FairnessJson.GroupJson(g.group(), g.considered(), g.selected(), g.selectionRate(),
                                g.impactRatio(), g.flagged(), g.pValue(), g.suppressed())).toList()))
                .toList();
        return new FairnessJson(Instant.now(clock), dimension, minimumGroupSize, stages);
    }

    /**
     * @param asOf             when the answer was computed
     * @param dimension        what the groups are of, as asked
     * @param minimumGroupSize groups with fewer considered show no counts
     * @param stages           SCREENED, INTERVIEWED and OFFERED, each with its groups
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record FairnessJson(Instant asOf, String dimension, int minimumGroupSize, List<StageJson> stages) {

        @Serdeable
        @JsonInclude(JsonInclude.Include.ALWAYS)
        public record StageJson(String stage, List<GroupJson> groups) {
        }

        /** A group at a stage, as {@link AdverseImpact.Group} says; counts and rates null where suppressed. */
        @Serdeable
        @JsonInclude(JsonInclude.Include.ALWAYS)
        public record GroupJson(String group, Long considered, Long selected, Double selectionRate, Double impactRatio,
                                boolean flagged, Double pValue, boolean suppressed) {
        }
    }
}
