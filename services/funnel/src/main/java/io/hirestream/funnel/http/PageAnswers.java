package io.hirestream.funnel.http;

import io.hirestream.funnel.domain.FunnelRow;
import io.hirestream.funnel.domain.FunnelView;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

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

    private final JsonMapper json;

    PageAnswers(JsonMapper json) {
        this.json = json;
    }

    @Override
    public byte[] render(FunnelRow row) {
        return bytes(RowJson.of(row));
    }

    /** The answer of a page whose rows and total this renderer made. */
    byte[] answer(Instant asOf, FunnelView.Page<byte[]> page, String nextCursor) {
        int size = page.total().length + 128;
        for (byte[] row : page.rows()) {
            size += row.length + 1;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(AS_OF);
        out.writeBytes(bytes(asOf));
        out.writeBytes(ROWS);
        for (int i = 0; i < page.rows().size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(page.rows().get(i));
        }
        out.writeBytes(TOTAL);
        out.writeBytes(page.total());
        out.writeBytes(NEXT_CURSOR);
        out.writeBytes(nextCursor == null ? NULL : bytes(nextCursor));
        out.write('}');
        return out.toByteArray();
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + value + " as JSON", e);
        }
    }
}
