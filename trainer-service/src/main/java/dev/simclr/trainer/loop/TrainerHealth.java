package dev.simclr.trainer.loop;

import dev.simclr.health.HealthState;
import dev.simclr.objectstore.OutageStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The trainer's health as plain values; the Quarkus checks only adapt it.
 *
 * <ul>
 *   <li><b>Liveness</b> ({@value #LIVENESS}): is this process stuck or broken? DOWN when the training thread failed
 *       (including an outage longer than the tolerance) or died, or reported no progress for the liveness timeout while
 *       not waiting for the object store. A dependency outage within the tolerance never fails it.
 *   <li><b>Readiness</b>: can it do its work now? {@value #INPUT}: the consumer is assigned and connected to a broker,
 *       and the model ready; {@value #STORE}: the object store answers and the run lease is held (not lapsed).
 * </ul>
 */
public final class TrainerHealth {

    /** Name of the liveness check. */
    public static final String LIVENESS = "trainer-thread";
    /** Name of the readiness check of the input. */
    public static final String INPUT = "trainer-input";
    /** Name of the readiness check of the object store and the lease. */
    public static final String STORE = "trainer-object-store";

    private final TrainerStatus status;
    private final OutageStatus store;
    private final BooleanSupplier threadAlive;
    private final IntSupplier queueDepth;
    private final BooleanSupplier paused;
    private final Supplier<Optional<Duration>> leaseLapsedFor;
    private final BooleanSupplier brokerConnected;

    /**
     * Health of one trainer.
     *
     * @param status the trainer's status
     * @param store the object store's outage status
     * @param threadAlive whether the training thread runs
     * @param queueDepth sealed batches waiting
     * @param paused whether the input is paused
     * @param leaseLapsedFor how long ago the run lease lapsed, if it did
     * @param brokerConnected whether the views consumer is connected to a broker
     */
    public TrainerHealth(
            TrainerStatus status,
            OutageStatus store,
            BooleanSupplier threadAlive,
            IntSupplier queueDepth,
            BooleanSupplier paused,
            Supplier<Optional<Duration>> leaseLapsedFor,
            BooleanSupplier brokerConnected) {
        this.status = status;
        this.store = store;
        this.threadAlive = threadAlive;
        this.queueDepth = queueDepth;
        this.paused = paused;
        this.leaseLapsedFor = leaseLapsedFor;
        this.brokerConnected = brokerConnected;
    }

    /** Liveness, with {@code timeout} as the longest silence of the training thread outside an outage. */
    public HealthState liveness(Duration timeout) {
        TrainerStatus.Phase phase = status.phase();
        boolean waitingForStore = store.current().isPresent();
        boolean up = phase != TrainerStatus.Phase.FAILED
                && (threadAlive.getAsBoolean() || phase == TrainerStatus.Phase.STOPPED)
                && (status.nanosSinceBeat() < timeout.toNanos() || waitingForStore);
        return new HealthState(LIVENESS, up, details());
    }

    /** Readiness of the input: consumer assigned and connected to a broker, model ready, not failed. */
    public HealthState input() {
        boolean connected = brokerConnected.getAsBoolean();
        boolean up = status.consumerAssigned()
                && connected
                && status.modelReady()
                && status.phase() != TrainerStatus.Phase.FAILED;
        Map<String, Object> data = details();
        data.put("brokerConnected", connected);
        return new HealthState(INPUT, up, data);
    }

    /** Readiness of the object store and the lease: no outage, not given up, lease not lapsed. */
    public HealthState objectStore() {
        Map<String, Object> data = new LinkedHashMap<>(store.healthData());
        Optional<Duration> lapsed = leaseLapsedFor.get();
        lapsed.ifPresent(d -> data.put("leaseLapsedSeconds", d.toSeconds()));
        return new HealthState(STORE, !store.unavailable() && lapsed.isEmpty(), data);
    }

    private Map<String, Object> details() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("phase", status.phase().name());
        data.put("step", status.step());
        data.put("lastCheckpointStep", status.lastCheckpointStep());
        data.put("queueDepth", (long) queueDepth.getAsInt());
        data.put("paused", paused.getAsBoolean());
        data.put("secondsSinceProgress", status.nanosSinceBeat() / 1_000_000_000L);
        if (store.current().isPresent()) {
            data.put("waitingFor", "object store");
        }
        if (!status.lastError().isEmpty()) {
            data.put("lastError", status.lastError());
        }
        return data;
    }
}
