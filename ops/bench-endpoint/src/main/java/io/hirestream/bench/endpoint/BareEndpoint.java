package io.hirestream.bench.endpoint;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.runtime.Micronaut;

import java.util.UUID;

/**
 * {@code POST /api/applications} that reads the body and answers 202 with ids, writing nothing:
 * what Micronaut alone costs per request, the ceiling intake is measured against.
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

    @Get(value = "/health", produces = MediaType.APPLICATION_JSON)
    public String health() {
        return "{\"status\":\"UP\"}";
    }
}
