package io.hirestream.interview.http;

import io.hirestream.service.http.JsonRequest;
import io.hirestream.service.http.Text;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/interviews/{id}/feedback}: one interviewer's feedback on one round.
 * Who gave it is the signed-in interviewer; a body naming an {@code interviewer} is refused (unknown field).
 */
@Serdeable
record FeedbackBody(
        @NotBlank @Size(max = 60) @Pattern(regexp = Text.SINGLE_LINE, message = Text.SINGLE_LINE_MESSAGE) String round,
        @NotBlank @Size(max = 20) @Pattern(regexp = Text.SINGLE_LINE, message = Text.SINGLE_LINE_MESSAGE) String recommendation,
        @Size(max = 4000) @Pattern(regexp = Text.MULTI_LINE, message = Text.MULTI_LINE_MESSAGE) String notes)
        implements JsonRequest {
}
