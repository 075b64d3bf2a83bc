package dev.simclr.trainer.loop;

import ai.djl.Device;
import dev.simclr.model.run.OptimizerSpec;
import dev.simclr.model.run.TrainingSession;
import dev.simclr.model.train.TrainerState;

/**
 * The training session in use. The optimiser's schedule is fixed when a session is built, so a new schedule length (a
 * time budget's) takes a new session: same model config, temperature and seed, the new spec, and the current
 * parameters, BN statistics and optimiser state (momentum buffers, step) restored into it; then the old session is
 * closed. Training thread only.
 */
final class SessionHolder implements AutoCloseable {

    private final Device device;
    private TrainingSession current;

    SessionHolder(TrainingSession session, Device device) {
        this.current = session;
        this.device = device;
    }

    TrainingSession current() {
        return current;
    }

    /** Continues the same state under {@code spec}. */
    void reschedule(OptimizerSpec spec) {
        TrainerState state = current.state();
        TrainingSession next =
                TrainingSession.create(current.modelConfig(), spec, current.temperature(), device, state.seed());
        try {
            next.restore(state);
        } catch (RuntimeException e) {
            next.close();
            throw e;
        }
        if (next.stepCount() != state.step()) {
            next.close();
            throw new IllegalStateException(
                    "rescheduled session is at step " + next.stepCount() + ", expected " + state.step());
        }
        current.close();
        current = next;
    }

    @Override
    public void close() {
        current.close();
    }
}
