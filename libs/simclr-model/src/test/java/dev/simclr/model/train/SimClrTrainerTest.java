package dev.simclr.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.BaseNDManager;
import dev.simclr.model.ModelConfig;
import dev.simclr.model.SimClrModel;
import dev.simclr.model.loss.NtXentLoss;
import dev.simclr.model.optim.Lars;
import dev.simclr.model.optim.LrSchedule;
import dev.simclr.model.optim.SgdNesterov;
import dev.simclr.model.optim.SimClrOptimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimClrTrainerTest {

    private static final ModelConfig CONFIG = ModelConfig.builder()
            .setChannels(1)
            .setInputSize(8)
            .optWidth(0.125)
            .optProjectionDim(16)
            .build();
    private static final LrSchedule SCHEDULE = LrSchedule.warmupCosine(0.2, 2, 8);

    /** Deterministic batch {@code index}: 4 pairs of 8x8 grey views. */
    private static List<List<byte[]>> batch(int index) {
        SplittableRandom rng = new SplittableRandom(1000 + index);
        List<byte[]> first = new ArrayList<>();
        List<byte[]> second = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byte[] a = new byte[64];
            byte[] b = new byte[64];
            for (int j = 0; j < 64; j++) {
                a[j] = (byte) rng.nextInt(256);
                b[j] = (byte) Math.min(255, (a[j] & 0xff) + rng.nextInt(40)); // a noisy copy: a positive pair
            }
            first.add(a);
            second.add(b);
        }
        return List.of(first, second);
    }

    private static SimClrOptimizer lars() {
        return Lars.builder().setLearningRate(SCHEDULE).build();
    }

    private static float run(SimClrTrainer trainer, int index) {
        List<List<byte[]>> b = batch(index);
        return trainer.step(b.get(0), b.get(1));
    }

    @Test
    void resumingFromSavedStateEqualsTrainingStraightThrough() {
        int n = 3;
        float[] straightLosses = new float[2 * n];
        float[] straightParams;
        try (SimClrModel model = SimClrModel.create(CONFIG, Device.cpu(), 5)) {
            SimClrTrainer trainer = new SimClrTrainer(model, lars(), new NtXentLoss(0.2));
            for (int i = 0; i < 2 * n; i++) {
                straightLosses[i] = run(trainer, i);
            }
            straightParams = model.network().getParameters().values().stream()
                    .map(p -> p.getArray().toFloatArray())
                    .reduce(SimClrTrainerTest::concat)
                    .orElseThrow();
        }

        TrainerState saved;
        try (SimClrModel model = SimClrModel.create(CONFIG, Device.cpu(), 5)) {
            SimClrTrainer trainer = new SimClrTrainer(model, lars(), new NtXentLoss(0.2));
            for (int i = 0; i < n; i++) {
                assertThat(run(trainer, i)).isEqualTo(straightLosses[i]);
            }
            TrainerState state = trainer.state();
            // through the checkpoint representation: files + manifest attributes
            saved = TrainerState.fromFiles(state.files(), state.attributes());
            assertThat(saved).isEqualTo(state);
        }
        try (SimClrModel fresh = SimClrModel.create(CONFIG, Device.cpu(), 99)) {
            SimClrTrainer trainer = new SimClrTrainer(fresh, lars(), new NtXentLoss(0.2));
            trainer.restore(saved);
            assertThat(trainer.stepCount()).isEqualTo(n);
            assertThat(trainer.learningRate()).isEqualTo(SCHEDULE.lr(n));
            for (int i = n; i < 2 * n; i++) {
                assertThat(run(trainer, i)).as("loss at step %d", i).isCloseTo(straightLosses[i], within(1e-6f));
            }
            float[] resumedParams = fresh.network().getParameters().values().stream()
                    .map(p -> p.getArray().toFloatArray())
                    .reduce(SimClrTrainerTest::concat)
                    .orElseThrow();
            assertThat(resumedParams).containsExactly(straightParams, within(1e-6f));
        }
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = new float[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void lossFallsWhenFittingOneBatch() {
        try (SimClrModel model = SimClrModel.create(CONFIG, Device.cpu(), 1)) {
            SimClrTrainer trainer = new SimClrTrainer(
                    model,
                    SgdNesterov.builder()
                            .setLearningRate(LrSchedule.constant(0.05))
                            .build(),
                    new NtXentLoss(0.5));
            float first = run(trainer, 0);
            float last = first;
            for (int i = 0; i < 15; i++) {
                last = run(trainer, 0);
            }
            assertThat(first).isGreaterThan(1.5f); // about log(7) for random projections
            assertThat(last).isLessThan(first * 0.8f);
        }
    }

    @Test
    void stepsDoNotLeakArraysIntoTheModelManager() {
        try (SimClrModel model = SimClrModel.create(CONFIG, Device.cpu(), 2)) {
            SimClrTrainer trainer = new SimClrTrainer(model, lars(), new NtXentLoss(0.2));
            BaseNDManager manager = (BaseNDManager) model.manager();
            run(trainer, 0); // creates the momentum buffers
            int afterFirst = manager.getManagedArrays().size();
            for (int i = 1; i < 30; i++) {
                run(trainer, i % 4);
            }
            assertThat(manager.getManagedArrays()).hasSize(afterFirst);
            // parameters (incl. BN statistics) + one momentum buffer per trainable parameter
            long params = model.network().getParameters().size();
            long trainable = model.network().getParameters().values().stream()
                    .filter(p -> p.requiresGradient())
                    .count();
            assertThat((long) afterFirst).isEqualTo(params + trainable);
            trainer.state();
            model.embed(trainer.assembler().assemble(model.manager().newSubManager(), batch(0).get(0), batch(0).get(1)))
                    .getManager()
                    .close();
            assertThat(manager.getManagedArrays()).hasSize(afterFirst);
        }
    }

    @Test
    void restoreRejectsAnotherConfigOrAlgorithm() {
        try (SimClrModel model = SimClrModel.create(CONFIG, Device.cpu(), 1)) {
            SimClrTrainer trainer = new SimClrTrainer(model, lars(), new NtXentLoss(0.2));
            TrainerState state = trainer.state();
            SimClrTrainer sgd = new SimClrTrainer(
                    model, SgdNesterov.builder().setLearningRate(SCHEDULE).build(), new NtXentLoss(0.2));
            assertThatThrownBy(() -> sgd.restore(state))
                    .hasMessage("trainer state: saved with lars, this trainer uses sgd-nesterov");
            ModelConfig other = ModelConfig.builder()
                    .setChannels(1)
                    .setInputSize(8)
                    .optWidth(0.25)
                    .build();
            TrainerState foreign = new TrainerState(other, 0, 1, "lars", state.parameters(), state.optimizerState());
            assertThatThrownBy(() -> trainer.restore(foreign)).hasMessageContaining("differs from this model's");
            assertThatThrownBy(() -> TrainerState.fromFiles(Map.of(), state.attributes()))
                    .hasMessageContaining("checkpoint lacks parameters.djl or optimizer.bin");
        }
    }

    @Test
    void stepsWorkOnAFreshThreadWhoseGradModeIsOn() throws Exception {
        float[] loss = new float[2];
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(
                () -> {
                    try (SimClrModel model = SimClrModel.create(CONFIG, Device.cpu(), 5)) {
                        ai.djl.pytorch.jni.JniUtils.setGradMode(true); // what a new native thread starts with
                        SimClrTrainer trainer = new SimClrTrainer(model, lars(), new NtXentLoss(0.2));
                        loss[0] = run(trainer, 0);
                        loss[1] = run(trainer, 1);
                    } catch (Throwable e) {
                        failure[0] = e;
                    }
                },
                "fresh-training-thread");
        t.start();
        t.join();
        assertThat(failure[0]).isNull();
        assertThat(loss[0]).isFinite().isPositive();
        assertThat(loss[1]).isFinite().isPositive();
    }

    @Test
    void aNonFiniteLossSaysWhereTheNonFiniteValuesAre() {
        try (SimClrModel model = SimClrModel.create(CONFIG, Device.cpu(), 5)) {
            SimClrTrainer trainer = new SimClrTrainer(model, lars(), new NtXentLoss(0.2));
            run(trainer, 0);
            var poisoned = model.network().getParameters().get(0);
            dev.simclr.model.engine.Torch.noGrad(
                    () -> poisoned.getValue().getArray().muli(Float.NaN));
            assertThatThrownBy(() -> run(trainer, 1))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("loss is NaN at step 1: training diverged (lower the learning rate); "
                            + "non-finite: parameters [" + poisoned.getKey() + "], momentum buffers []");
        }
    }
}
