package io.hirestream.intake.http;

import io.hirestream.access.Roles;
import io.hirestream.intake.kafka.Intake;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;

import java.util.concurrent.CompletableFuture;

/**
 * Applications: 202 once the applied event and the contact details are committed in Kafka. Public:
 * it is the careers site's form; each client is held to a rate ({@link SubmissionRateLimit}).
 *
 * <p>Runs on the event loop and answers asynchronously: checking a request takes microseconds, and
 * the wait for its transaction holds no thread (a thread per waiting request, even a virtual one,
 * costs a stack and defeats Jackson's per-thread buffer reuse for the answer).
 */
@Controller("/api/applications")
@Secured(SecurityRule.IS_ANONYMOUS)
public class ApplicationsController {

    private final Intake intake;

    public ApplicationsController(Intake intake) {
        this.intake = intake;
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<AcceptedJson>> submit(@Valid @Body ApplicationBody body,
                                                                @Nullable @Header("Idempotency-Key") String idempotencyKey) {
        return intake.submit(body.toRequest(), idempotencyKey).thenApply(ids ->
                HttpResponse.accepted().body(new AcceptedJson(ids.applicationId(), ids.eventId(), ids.candidateId())));
    }
}
