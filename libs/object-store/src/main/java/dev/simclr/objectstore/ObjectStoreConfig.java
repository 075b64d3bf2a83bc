package dev.simclr.objectstore;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Where the object store is and how hard to retry. {@link #toString()} never shows the secret key and shows only the
 * first characters of the access key.
 *
 * @param endpoint {@code http(s)://host[:port]} of the S3 API
 * @param accessKey access key
 * @param secretKey secret key
 * @param region region to sign for (default {@value #DEFAULT_REGION})
 * @param maxAttempts attempts per operation for transient failures (1 = no retry)
 * @param initialBackoff delay before the first retry (doubled each retry, with jitter)
 * @param maxBackoff upper bound of one delay
 */
public record ObjectStoreConfig(
        String endpoint,
        String accessKey,
        String secretKey,
        String region,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff) {

    /** Region used when none is given. */
    public static final String DEFAULT_REGION = "us-east-1";
    /** Attempts used when none is given. */
    public static final int DEFAULT_MAX_ATTEMPTS = 4;
    /** Environment variable: endpoint. */
    public static final String ENV_ENDPOINT = "SIMCLR_S3_ENDPOINT";
    /** Environment variable: access key. */
    public static final String ENV_ACCESS_KEY = "SIMCLR_S3_ACCESS_KEY";
    /** Environment variable: secret key. */
    public static final String ENV_SECRET_KEY = "SIMCLR_S3_SECRET_KEY";
    /** Environment variable: region (optional). */
    public static final String ENV_REGION = "SIMCLR_S3_REGION";

    /** Validates every value. */
    public ObjectStoreConfig {
        endpoint = requireEndpoint(endpoint);
        requireText("access key", accessKey);
        requireText("secret key", secretKey);
        requireText("region", region);
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("maxAttempts must be between 1 and 20, got " + maxAttempts);
        }
        if (initialBackoff == null || initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initialBackoff must be positive, got " + initialBackoff);
        }
        if (maxBackoff == null || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must be >= initialBackoff, got " + maxBackoff);
        }
    }

    /** Reads {@value #ENV_ENDPOINT}, {@value #ENV_ACCESS_KEY}, {@value #ENV_SECRET_KEY}, {@value #ENV_REGION}. */
    public static ObjectStoreConfig fromEnv() {
        return fromEnv(System.getenv());
    }

    /** Same as {@link #fromEnv()} from the given variables; a missing required variable is named in the error. */
    public static ObjectStoreConfig fromEnv(Map<String, String> env) {
        Builder b = builder()
                .setEndpoint(requireVariable(env, ENV_ENDPOINT))
                .setAccessKey(requireVariable(env, ENV_ACCESS_KEY))
                .setSecretKey(requireVariable(env, ENV_SECRET_KEY));
        String region = env.get(ENV_REGION);
        if (region != null && !region.isBlank()) {
            b.optRegion(region.trim());
        }
        return b.build();
    }

    /** A builder with the default region and retry policy. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "ObjectStoreConfig[endpoint=" + endpoint + ", accessKey=" + redact(accessKey) + ", secretKey=***"
                + ", region=" + region + ", maxAttempts=" + maxAttempts + ", initialBackoff="
                + initialBackoff.toMillis()
                + "ms, maxBackoff=" + maxBackoff.toMillis() + "ms]";
    }

    static String redact(String key) {
        return key.length() <= 8 ? "***" : key.substring(0, 4) + "***";
    }

    private static String requireVariable(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("environment variable " + name + " is not set");
        }
        return v.trim();
    }

    private static void requireText(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("object store " + what + " is missing");
        }
    }

    private static String requireEndpoint(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("object store endpoint is missing");
        }
        String e = endpoint.trim();
        URI uri;
        try {
            uri = URI.create(e);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(
                    "object store endpoint '" + e + "' is not a URL: " + ex.getMessage(), ex);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "object store endpoint '" + e + "' must look like http(s)://host[:port]");
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException(
                    "object store endpoint must not carry credentials; use the access/secret key");
        }
        return e.endsWith("/") ? e.substring(0, e.length() - 1) : e;
    }

    /** Builder: endpoint and keys are required, the rest optional. */
    public static final class Builder {
        private String endpoint;
        private String accessKey;
        private String secretKey;
        private String region = DEFAULT_REGION;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration initialBackoff = Duration.ofMillis(200);
        private Duration maxBackoff = Duration.ofSeconds(5);

        private Builder() {}

        /** Endpoint, e.g. {@code http://127.0.0.1:9000}. */
        public Builder setEndpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** Access key. */
        public Builder setAccessKey(String accessKey) {
            this.accessKey = accessKey;
            return this;
        }

        /** Secret key. */
        public Builder setSecretKey(String secretKey) {
            this.secretKey = secretKey;
            return this;
        }

        /** Region (default {@value ObjectStoreConfig#DEFAULT_REGION}). */
        public Builder optRegion(String region) {
            this.region = region;
            return this;
        }

        /** Attempts per operation for transient failures (default {@value ObjectStoreConfig#DEFAULT_MAX_ATTEMPTS}). */
        public Builder optMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** First retry delay (default 200 ms) and the largest delay (default 5 s). */
        public Builder optBackoff(Duration initialBackoff, Duration maxBackoff) {
            this.initialBackoff = initialBackoff;
            this.maxBackoff = maxBackoff;
            return this;
        }

        /** Validates and builds. */
        public ObjectStoreConfig build() {
            return new ObjectStoreConfig(
                    endpoint, accessKey, secretKey, region, maxAttempts, initialBackoff, maxBackoff);
        }
    }
}
