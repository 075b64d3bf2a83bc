package dev.simclr.launcher.stack;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.simclr.contracts.Json;
import dev.simclr.launcher.PrivateFiles;
import dev.simclr.launcher.UserException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code stack.json}: how to reach a running local stack, so that {@code push}, {@code watch}, {@code status} and
 * {@code import} in another terminal find it. Written by the launcher once everything is started (owner-readable only:
 * it holds the S3 credentials), deleted on a clean stop.
 *
 * @param version format version (1)
 * @param launcherPid PID of the launcher JVM (Kafka runs inside it)
 * @param startedAt when the launcher started the stack
 * @param dataDir the data directory
 * @param runId the run the services were configured for
 * @param kafka Kafka endpoint
 * @param s3 S3 endpoint, credentials and buckets
 * @param services the service child processes
 * @param dashboardUrl the dashboard page (served by the evaluator)
 */
public record StackInfo(
        int version,
        long launcherPid,
        Instant startedAt,
        String dataDir,
        String runId,
        KafkaInfo kafka,
        S3Info s3,
        List<ServiceInfo> services,
        String dashboardUrl) {

    /** Current format version. */
    public static final int VERSION = 1;

    /** Validates the required fields. */
    public StackInfo {
        if (version != VERSION) {
            throw new IllegalArgumentException(
                    "stack.json: unsupported version " + version + " (expected " + VERSION + ")");
        }
        Objects.requireNonNull(startedAt, "stack.json: startedAt is required");
        Objects.requireNonNull(kafka, "stack.json: kafka is required");
        Objects.requireNonNull(s3, "stack.json: s3 is required");
        services = services == null ? List.of() : List.copyOf(services);
    }

    /**
     * Kafka.
     *
     * @param bootstrapServers {@code host:port}
     */
    public record KafkaInfo(String bootstrapServers) {
        /** Validates. */
        public KafkaInfo {
            Objects.requireNonNull(bootstrapServers, "stack.json: kafka.bootstrapServers is required");
        }
    }

    /**
     * S3.
     *
     * @param endpoint {@code http://host:port}
     * @param accessKey access key
     * @param secretKey secret key
     * @param region region
     * @param dataBucket bucket of imported images
     * @param checkpointBucket bucket of checkpoints and evaluation artefacts
     */
    public record S3Info(
            String endpoint,
            String accessKey,
            String secretKey,
            String region,
            String dataBucket,
            String checkpointBucket) {
        /** Validates. */
        public S3Info {
            Objects.requireNonNull(endpoint, "stack.json: s3.endpoint is required");
            Objects.requireNonNull(accessKey, "stack.json: s3.accessKey is required");
            Objects.requireNonNull(secretKey, "stack.json: s3.secretKey is required");
        }

        @Override
        public String toString() {
            return "S3Info[" + endpoint + ", data " + dataBucket + ", checkpoints " + checkpointBucket + "]";
        }
    }

    /**
     * One service child process.
     *
     * @param name {@code augmenter}, {@code trainer} or {@code evaluator}
     * @param url base URL ({@code http://127.0.0.1:8082})
     * @param pid PID of the child JVM
     * @param log its log file
     */
    public record ServiceInfo(String name, String url, long pid, String log) {}

    /** The service called {@code name}, if listed. */
    public Optional<ServiceInfo> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Whether the launcher that wrote this file still runs. */
    public boolean launcherAlive() {
        return ProcessHandle.of(launcherPid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The JSON text (pretty). */
    public String toJson() {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write stack.json: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses the JSON text; a bad file gives an {@link IllegalArgumentException} naming the problem. */
    public static StackInfo fromJson(String json) {
        try {
            return Json.mapper().readValue(json, StackInfo.class);
        } catch (JsonProcessingException e) {
            Throwable c =
                    e.getCause() instanceof IllegalArgumentException || e.getCause() instanceof NullPointerException
                            ? e.getCause()
                            : e;
            String m = c instanceof JsonProcessingException j ? j.getOriginalMessage() : c.getMessage();
            throw new IllegalArgumentException("stack.json is not valid: " + m, e);
        }
    }

    /** Writes {@code file} atomically, readable by the owner only. */
    public void write(Path file) {
        PrivateFiles.write(file, toJson());
    }

    /** This stack with the services' entries replaced (new PIDs after a restart). */
    public StackInfo withServices(List<ServiceInfo> current) {
        return new StackInfo(version, launcherPid, startedAt, dataDir, runId, kafka, s3, current, dashboardUrl);
    }

    /** Reads {@code file}; empty when it does not exist. */
    public static Optional<StackInfo> read(Path file) {
        try {
            return Optional.of(fromJson(Files.readString(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The stack running in {@code layout}'s data directory.
     *
     * @throws UserException when there is no stack.json or its launcher is gone
     */
    public static StackInfo requireRunning(StackLayout layout) {
        Path file = layout.stackJson();
        StackInfo info;
        try {
            info = read(file)
                    .orElseThrow(() -> new UserException("no stack is running in " + layout.root()
                            + " (no stack.json): start one with `simclr up` or `simclr demo`, or pass --data-dir"));
        } catch (IllegalArgumentException e) {
            throw new UserException(file + ": " + e.getMessage());
        }
        if (!info.launcherAlive()) {
            throw new UserException(
                    "the stack in " + layout.root() + " is not running (launcher pid " + info.launcherPid()
                            + " is gone; stack.json is stale): start it with `simclr up` or `simclr demo`");
        }
        return info;
    }
}
