package io.hirestream.funnel.http;

import io.hirestream.funnel.domain.FunnelRow;
import io.hirestream.funnel.domain.FunnelView;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the funnel API's paged answers, {@code {"asOf", "rows", "total", "nextCursor"}}: when the
 * answer was computed, a page of rows most applications first ({@link RowJson} each, per (role,
 * location) or per role or location in a rollup), every row asked for summed whatever the page,
 * and where the next page starts ({@code cursor=}; null on the last page).
 *
 * <p>Each row's JSON is written by Micronaut Serialization from its {@link RowJson}, once per
 * change of the row's counts: the view keeps it ({@link FunnelView.RowRenderer}) and an answer
 * copies those bytes. Writing a page of rows through the serializer on every request was half of
 * what a funnel instance spent answering, and a row is read far more often than it changes.
 * Micronaut Serialization has no way to write bytes already serialized as a value, so the
 * answer's envelope is put together here; its scalars go through the same serializer.
 */
@Singleton
final class PageAnswers implements FunnelView.RowRenderer<byte[]> {

    private static final byte[] AS_OF = "{\"asOf\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ROWS = ",\"rows\":[".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TOTAL = "],\"total\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NEXT_CURSOR = ",\"nextCursor\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] COMMA = {','};
    private static final byte[] END = {'}'};

    private final JsonMapper json;

    PageAnswers(JsonMapper json) {
        this.json = json;
    }

    @Override
    public byte[] render(FunnelRow row) {
        return bytes(RowJson.of(row));
    }

    /**
     * The answer of a page whose rows and total this renderer made, in one array of its exact size
     * (built in a ByteArrayOutputStream and copied once more to be handed over, the answers were
     * 1.7 GB of the 2.9 GB the query threads allocated in 25 s under bench queries).
     */
    byte[] answer(Instant asOf, FunnelView.Page<byte[]> page, String nextCursor) {
        List<byte[]> rows = page.rows();
        List<byte[]> parts = new ArrayList<>(2 * rows.size() + 8);
        parts.addAll(List.of(AS_OF, bytes(asOf), ROWS));
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                parts.add(COMMA);
            }
            parts.add(rows.get(i));
        }
        parts.addAll(List.of(TOTAL, page.total(), NEXT_CURSOR, nextCursor == null ? NULL : bytes(nextCursor), END));
        int size = 0;
        for (byte[] part : parts) {
            size += part.length;
        }
        byte[] answer = new byte[size];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, answer, at, part.length);
            at += part.length;
        }
        return answer;
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + value + " as JSON", e);
        }
    }
}
