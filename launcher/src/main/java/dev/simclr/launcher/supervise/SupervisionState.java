package dev.simclr.launcher.supervise;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.simclr.contracts.Json;
import dev.simclr.launcher.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code supervision.json}: what the launcher's supervisor knows about each child, so that {@code simclr status} in
 * another terminal can show restarts. Rewritten on every change, deleted with stack.json on a clean stop.
 *
 * @param version format version (1)
 * @param updatedAt when it was written
 * @param processes one entry per supervised child, in start order
 */
public record SupervisionState(int version, Instant updatedAt, List<Entry> processes) {

    /** Current format version. */
    public static final int VERSION = 1;

    /** Where a child is. */
    public enum State {
        /** Started, not ready yet. */
        STARTING,
        /** Ready. */
        RUNNING,
        /** Alive, readiness DOWN beyond the grace (reported, not restarted). */
        NOT_READY,
        /** Failed; a restart is due after the backoff. */
        RESTART_PENDING,
        /** Failed for good: the stack is stopping. */
        FAILED
    }

    /**
     * One child.
     *
     * @param name {@code s3}, {@code augmenter}, {@code trainer} or {@code evaluator}
     * @param pid PID of its current process
     * @param state where it is
     * @param restarts restarts since the stack started
     * @param lastFailure why it last failed (empty when never)
     * @param lastFailureAt when (null when never)
     */
    public record Entry(String name, long pid, State state, int restarts, String lastFailure, Instant lastFailureAt) {}

    /** Copies the list. */
    public SupervisionState {
        processes = processes == null ? List.of() : List.copyOf(processes);
    }

    /** The entry of {@code name}, if any. */
    public Optional<Entry> process(String name) {
        return processes.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Writes {@code file} atomically, readable by the owner only. */
    public void write(Path file) {
        try {
            PrivateFiles.write(
                    file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Reads {@code file}; empty when it is missing or not a state of this version. */
    public static Optional<SupervisionState> read(Path file) {
        try {
            SupervisionState s = Json.mapper().readValue(Files.readString(file), SupervisionState.class);
            return s.version() == VERSION ? Optional.of(s) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
