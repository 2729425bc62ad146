package io.hirestream.funnel.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * What one instance hands another: its parts of the funnel rows, per partition, in the funnel's
 * own binary encoding (base64) so that sketches travel exactly.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PartsJson(List<Part> parts) {

    /** One partition's parts of every row. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Part(int partition, List<RowPart> rows) {
    }

    /** One row's part: its key and encoded counts. */
    @Serdeable
    public record RowPart(String role, String location, String counts) {
    }
}
