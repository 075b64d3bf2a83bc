package dev.simclr.evaluator.loop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.simclr.contracts.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Compact JSON bytes with the shared mapper. */
final class Jsons {

    private Jsons() {}

    static byte[] bytes(JsonNode node) {
        try {
            return Json.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON: " + e.getOriginalMessage(), e);
        }
    }

    static JsonNode parse(byte[] json, String what) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    what + " is not valid JSON: "
                            + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
    }
}
