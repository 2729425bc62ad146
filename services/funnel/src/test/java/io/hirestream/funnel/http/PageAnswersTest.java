package io.hirestream.funnel.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hirestream.funnel.domain.ApplicationState;
import io.hirestream.funnel.domain.Decision;
import io.hirestream.funnel.domain.FunnelCounts;
import io.hirestream.funnel.domain.FunnelView;
import io.hirestream.funnel.domain.RowKey;
import io.hirestream.funnel.domain.Stage;
import io.hirestream.funnel.domain.StageEvent;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A funnel answer as clients read it: {@code asOf}, a page of rows each as {@link RowJson} writes it,
 * the total of every row asked for and the next cursor; a row kept from an earlier answer shows
 * the counts as they are now.
 */
class PageAnswersTest {

    private static final RowKey REMOTE = new RowKey("Machine Learning Engineer", "Remote (US only)");
    private static final RowKey BERLIN = new RowKey("Machine Learning Engineer", "Berlin, DE");
    private static final Instant AS_OF = Instant.parse("2026-12-01T10:15:30.123Z");

    private final PageAnswers answers = new PageAnswers(JsonMapper.createDefault());
    private final ObjectMapper client = new ObjectMapper();

    @Test
    void anAnswerHoldsItsPageOfRowsTheTotalOfAllOfThemAndWhereTheNextPageStarts() throws Exception {
        FunnelView view = new FunnelView();
        view.attach(0, Map.of(REMOTE, counts(REMOTE, 3), BERLIN, counts(BERLIN, 2)));

        FunnelView.Page<byte[]> first = view.rows(null, null, null, 1, answers);
        JsonNode answer = client.readTree(answers.answer(AS_OF, first, "next \"one\""));

        assertThat(answer.get("asOf").asText()).isEqualTo("2026-12-01T10:15:30.123Z");
        assertThat(answer.get("rows")).hasSize(1);
        JsonNode row = answer.get("rows").get(0);
        assertThat(row.get("role").asText()).isEqualTo("Machine Learning Engineer");
        assertThat(row.get("location").asText()).isEqualTo("Remote (US only)");
        assertThat(row.get("reached").get("APPLIED").asLong()).isEqualTo(3);
        assertThat(row.get("conversion").get("OVERALL").asDouble()).isZero();
        assertThat(row.get("timeToStageMillis").get("SCREENED").get("p50").isNull()).isTrue();
        assertThat(answer.get("total").get("role").isNull()).as("the total spans every role").isTrue();
        assertThat(answer.get("total").get("reached").get("APPLIED").asLong()).isEqualTo(5);
        assertThat(answer.get("nextCursor").asText()).isEqualTo("next \"one\"");
        assertThat(client.readTree(answers.answer(AS_OF, view.rows(null, null, first.next(), 1, answers), null))
                .get("nextCursor").isNull()).as("the last page has no next").isTrue();
    }

    @Test
    void anAnswerIsItsJsonAndNothingMore() throws Exception {
        FunnelView view = new FunnelView();
        view.attach(0, Map.of(REMOTE, counts(REMOTE, 3), BERLIN, counts(BERLIN, 2)));

        byte[] answer = answers.answer(AS_OF, view.rows(null, null, null, 10, answers), null);
        JsonNode read = client.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(answer);

        assertThat(read.get("rows")).hasSize(2);
        assertThat(answer[answer.length - 1]).as("the last byte closes the answer").isEqualTo((byte) '}');
    }

    @Test
    void aRowReadAgainAfterItsCountsChangedShowsThemAsTheyAreNow() throws Exception {
        FunnelView view = new FunnelView();
        view.attach(0, Map.of(REMOTE, counts(REMOTE, 1)));
        assertThat(applied(view)).containsExactly(1, 1);

        view.change(0, ApplicationState.EMPTY, application("late", REMOTE), false);

        assertThat(applied(view)).as("the row, then the total").containsExactly(2, 2);
    }

    private long[] applied(FunnelView view) throws Exception {
        JsonNode answer = client.readTree(answers.answer(AS_OF, view.rows(REMOTE.role(), REMOTE.location(), null, 10, answers), null));
        return new long[]{answer.get("rows").get(0).get("reached").get("APPLIED").asLong(),
                answer.get("total").get("reached").get("APPLIED").asLong()};
    }

    private static FunnelCounts counts(RowKey row, int applications) {
        FunnelCounts counts = new FunnelCounts();
        for (int i = 0; i < applications; i++) {
            counts.add(application(row.location() + i, row), 1);
        }
        return counts;
    }

    private static ApplicationState application(String id, RowKey row) {
        return ApplicationState.EMPTY.with(new StageEvent("e-" + id, id, Stage.APPLIED, row.role(), row.location(), 1_000,
                Decision.NONE));
    }
}
