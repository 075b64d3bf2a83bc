package dev.simclr.launcher.supervise;

import com.fasterxml.jackson.databind.JsonNode;
import dev.simclr.contracts.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One answer of a health endpoint (MicroProfile Health: {@code /q/health/live} or {@code /q/health/ready}): UP, DOWN
 * with the reason taken from the DOWN checks' names and data (an error entry first), or no answer.
 *
 * @param state UP, DOWN or NO_ANSWER
 * @param reason why it is DOWN (empty otherwise), e.g. {@code trainer-thread: phase=FAILED, lastError=...}
 */
public record Health(State state, String reason) {

    /** What the endpoint said. */
    public enum State {
        /** HTTP 200, status UP. */
        UP,
        /** HTTP 503 (or another error status), status DOWN. */
        DOWN,
        /** No HTTP answer (not listening yet, hung, or gone). */
        NO_ANSWER
    }

    private static final Health UP_ANSWER = new Health(State.UP, "");
    private static final Health NO_ANSWER_AT_ALL = new Health(State.NO_ANSWER, "");
    private static final int MAX_VALUE_CHARS = 1000;
    /** Data keys that hold the reason itself: shown first. */
    private static final List<String> ERROR_KEYS = List.of("lastError", "error");

    /** Null reason becomes empty. */
    public Health {
        reason = reason == null ? "" : reason;
    }

    /** UP. */
    public static Health up() {
        return UP_ANSWER;
    }

    /** No answer. */
    public static Health noAnswer() {
        return NO_ANSWER_AT_ALL;
    }

    /** DOWN for {@code reason}. */
    public static Health down(String reason) {
        return new Health(State.DOWN, reason);
    }

    /** Classifies an HTTP answer of a MicroProfile Health endpoint. */
    public static Health parse(int httpStatus, String body) {
        JsonNode json = null;
        try {
            json = body == null || body.isBlank() ? null : Json.mapper().readTree(body);
        } catch (IOException notJson) {
            // judged by the HTTP status alone
        }
        String status = json == null ? "" : json.path("status").asText("");
        if (httpStatus == 200 && !status.equals("DOWN")) {
            return up();
        }
        String reason = json == null ? "" : downChecks(json);
        return down(reason.isEmpty() ? "HTTP " + httpStatus : reason);
    }

    /** Whether the endpoint said UP. */
    public boolean isUp() {
        return state == State.UP;
    }

    private static String downChecks(JsonNode json) {
        List<String> checks = new ArrayList<>();
        for (JsonNode check : json.path("checks")) {
            if (!"DOWN".equals(check.path("status").asText())) {
                continue;
            }
            List<String> data = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = check.path("data").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String v = e.getValue().isValueNode()
                        ? e.getValue().asText()
                        : e.getValue().toString();
                String item =
                        e.getKey() + "=" + (v.length() > MAX_VALUE_CHARS ? v.substring(0, MAX_VALUE_CHARS) + "..." : v);
                if (ERROR_KEYS.contains(e.getKey())) {
                    data.add(0, item);
                } else {
                    data.add(item);
                }
            }
            String name = check.path("name").asText("?");
            checks.add(data.isEmpty() ? name + " DOWN" : name + " DOWN: " + String.join(", ", data));
        }
        return String.join("; ", checks);
    }
}
