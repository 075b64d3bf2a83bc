package dev.simclr.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One health check of a service as a plain value, computed by its plain-Java loop (testable without Quarkus) and
 * published by its Quarkus adapter through {@link HealthResponses#of}.
 *
 * @param name the check's name as it appears under {@code /q/health}
 * @param up UP or DOWN
 * @param data what it is based on (String, Long or Boolean values; other numbers are truncated to Long, anything else
 *     is published as its string)
 */
public record HealthState(String name, boolean up, Map<String, Object> data) {

    /** Copies {@code data} in its order; a null value is published as the string {@code "null"}. */
    public HealthState {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a health check needs a name");
        }
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }
}
