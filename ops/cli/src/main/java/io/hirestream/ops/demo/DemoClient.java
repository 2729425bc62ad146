package io.hirestream.ops.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hirestream.stack.TokenIssuer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * JSON over HTTP to the services, as any client of their APIs would send it, signed in as the
 * role each call needs: a token from the local stack's issuer for each call, subject
 * {@code <who>-<role>} (demo-recruiter, demo-interviewer, ...), so that the events name who decided.
 */
final class DemoClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final TokenIssuer issuer;
    private final String who;

    DemoClient(TokenIssuer issuer, String who) {
        this.issuer = issuer;
        this.who = who;
    }

    /** An answer: its status and its JSON body (missing where it has none). */
    record Reply(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * Every item of a paged list route ({@code {items, nextCursor}}), 500 a page, handed on page by
     * page; stops at the first page that does not come, and says whether all did.
     */
    boolean forEachItem(String url, String role, java.util.function.Consumer<JsonNode> each) throws InterruptedException {
        String cursor = null;
        do {
            String page = url + (url.contains("?") ? "&" : "?") + "limit=500"
                    + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8));
            try {
                Reply reply = get(page, role);
                if (!reply.ok()) {
                    return false;
                }
                reply.body().path("items").forEach(each);
                JsonNode next = reply.body().path("nextCursor");
                cursor = next.isTextual() ? next.asText() : null;
            } catch (IOException e) {
                return false;
            }
        } while (cursor != null);
        return true;
    }

    /** A GET without signing in. */
    Reply get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    Reply get(String url, String role) throws IOException, InterruptedException {
        return send(signedIn(HttpRequest.newBuilder(URI.create(url)).GET(), role));
    }

    Reply post(String url, Object body, String role) throws IOException, InterruptedException {
        return send(signedIn(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), role));
    }

    /** A POST with an Idempotency-Key (without signing in: the careers site's form), so that a retry after a lost answer never writes twice. */
    Reply postWithKey(String url, Object body, String idempotencyKey) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    /** A fresh token for the role. */
    String token(String role) {
        return issuer.token(who + "-" + role, List.of(role));
    }

    private HttpRequest.Builder signedIn(HttpRequest.Builder request, String role) {
        return request.header("Authorization", "Bearer " + token(role));
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(20)).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        JsonNode body = text == null || text.isBlank() ? JSON.missingNode() : JSON.readTree(text);
        return new Reply(response.statusCode(), body);
    }
}
