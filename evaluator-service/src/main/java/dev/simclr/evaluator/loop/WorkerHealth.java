package dev.simclr.evaluator.loop;

import dev.simclr.health.HealthState;
import dev.simclr.objectstore.OutageStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The evaluator's own health as plain values; the Quarkus checks only adapt it (the Kafka connector adds its channel
 * checks next to them).
 *
 * <ul>
 *   <li><b>Liveness</b> ({@value #LIVENESS}): is the process stuck or broken? DOWN when the worker thread died, or
 *       stopped because an outage lasted longer than the tolerance. Waiting for the object store or the broker within
 *       the tolerance keeps it UP.
 *   <li><b>Readiness</b> ({@value #STORE}): can it do its work now? DOWN while the object store is in an outage (seen
 *       by the worker or the periodic probe) or answers with a problem (access denied, missing bucket).
 * </ul>
 */
public final class WorkerHealth {

    /** Name of the liveness check. */
    public static final String LIVENESS = "evaluation-worker";
    /** Name of the readiness check of the object store. */
    public static final String STORE = "object-store";

    private final BooleanSupplier workerAlive;
    private final Supplier<String> workerStopped;
    private final EvaluationQueue queue;
    private final OutageStatus store;
    private final Supplier<String> storeProblem;
    private final String bucket;

    /**
     * Health of one evaluator.
     *
     * @param workerAlive whether the worker thread runs
     * @param workerStopped why the worker stopped on its own, or empty
     * @param queue the evaluation queue
     * @param store the object store's outage status
     * @param storeProblem what the probe got when the store answered unusefully, or empty
     * @param bucket the evaluator's bucket
     */
    public WorkerHealth(
            BooleanSupplier workerAlive,
            Supplier<String> workerStopped,
            EvaluationQueue queue,
            OutageStatus store,
            Supplier<String> storeProblem,
            String bucket) {
        this.workerAlive = workerAlive;
        this.workerStopped = workerStopped;
        this.queue = queue;
        this.store = store;
        this.storeProblem = storeProblem;
        this.bucket = bucket;
    }

    /** Liveness of the worker. */
    public HealthState liveness() {
        String stopped = workerStopped.get();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("pending", (long) queue.pending());
        queue.inProgress().ifPresent(p -> data.put("evaluating", p.toString()));
        if (store.current().isPresent()) {
            data.put("waitingFor", "object store");
        }
        if (!stopped.isEmpty()) {
            data.put("stopped", stopped);
        }
        return new HealthState(LIVENESS, workerAlive.getAsBoolean() && stopped.isEmpty(), data);
    }

    /** Readiness of the object store. */
    public HealthState objectStore() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("bucket", bucket);
        data.putAll(store.healthData());
        String problem = storeProblem.get();
        if (!problem.isEmpty()) {
            data.put("error", problem);
        }
        return new HealthState(STORE, !store.unavailable() && problem.isEmpty(), data);
    }
}
