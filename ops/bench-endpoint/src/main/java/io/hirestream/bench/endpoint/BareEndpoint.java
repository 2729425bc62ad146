package io.hirestream.bench.endpoint;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.runtime.Micronaut;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Micronaut alone costs per request, the ceilings the services are measured against:
 * {@code POST /api/applications} reads the body and answers 202 with ids, writing nothing (intake's);
 * {@code GET /api/answer/{bytes}} answers a JSON document of that size, computing nothing (the
 * funnel's queries').
 */
@Controller
public class BareEndpoint {

    public static void main(String[] args) {
        Micronaut.run(BareEndpoint.class, args);
    }

    @Post(value = "/api/applications", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> accept(@Body String application) {
        return HttpResponse.accepted().body("{\"applicationId\":\"" + UUID.randomUUID() + "\",\"read\":" + application.length() + "}");
    }

    private static final int MOST_BYTES = 1 << 20;
    private final Map<Integer, String> answers = new ConcurrentHashMap<>();

    @Get(value = "/api/answer/{bytes}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> answer(int bytes) {
        if (bytes < 12 || bytes > MOST_BYTES) {
            return HttpResponse.badRequest("{\"error\":\"bytes must be between 12 and " + MOST_BYTES + "\"}");
        }
        return HttpResponse.ok(answers.computeIfAbsent(bytes, size -> "{\"pad\":\"" + "x".repeat(size - 10) + "\"}"));
    }

    @Get(value = "/health", produces = MediaType.APPLICATION_JSON)
    public String health() {
        return "{\"status\":\"UP\"}";
    }
}
