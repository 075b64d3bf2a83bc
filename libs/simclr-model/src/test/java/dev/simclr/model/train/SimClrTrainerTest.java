package dev.simclr.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.simclr.model.ModelConfig;
import dev.simclr.model.SimClrModel;
import dev.simclr.model.engine.Torch;
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
    /** Leaves a NaN in the accumulated gradient of the first trainable parameter, as a faulty backward pass would. */
    private static String poisonGradient(SimClrModel model) {
        var target = model.network().getParameters().get(0);
        NDArray w = target.getValue().getArray();
        try (NDManager m = model.manager().newSubManager();
                GradientCollector gc = Torch.engine().newGradientCollector()) {
            NDArray y = w.mul(Float.NaN).sum();
            y.attach(m);
            gc.backward(y);
        }
        return target.getKey();
    }

    private static float[] trainable(SimClrModel model) {
        List<Float> values = new ArrayList<>();
        for (var p : model.network().getParameters()) {
            if (p.getValue().requiresGradient()) {
                for (float v : p.getValue().getArray().toFloatArray()) {
                    values.add(v);
                }
            }
        }
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    @Test
    void aStepWithNonFiniteGradientsSkipsItsUpdateAndTheNextStepTrains() {
        try (SimClrModel model = SimClrModel.create(CONFIG, Device.cpu(), 5)) {
            SimClrTrainer trainer = new SimClrTrainer(model, lars(), new NtXentLoss(0.2));
            run(trainer, 0);
            float[] before = trainable(model);
            String poisoned = poisonGradient(model);

            float loss = run(trainer, 1);

            assertThat(loss).isFinite().isPositive();
            assertThat(trainer.lastUpdateSkipped()).isTrue();
            assertThat(trainer.lastSkip())
                    .startsWith("gradients of [" + poisoned + "] are not finite at step 1 (loss ")
                    .endsWith(": update skipped, parameters and momentum unchanged");
            assertThat(trainable(model)).as("parameters unchanged").containsExactly(before);
            assertThat(trainer.stepCount()).as("the schedule advances").isEqualTo(2);
            assertThat(trainer.skippedUpdates()).isEqualTo(1);
            assertThat(trainer.optimizer().nonFiniteBuffers()).isEmpty();

            run(trainer, 2);

            assertThat(trainer.lastUpdateSkipped())
                    .as("the gradients were cleared")
                    .isFalse();
            assertThat(trainable(model)).as("the next step updates").isNotEqualTo(before);
            assertThat(Torch.nonFinite(Map.of(
                            "state",
                            model.network().getParameters().get(0).getValue().getArray())))
                    .isEmpty();
            assertThat(trainer.state().step()).isEqualTo(3);
        }
    }

    @Test
    void nonFiniteGradientsInSeveralStepsInARowStopTraining() {
        try (SimClrModel model = SimClrModel.create(CONFIG, Device.cpu(), 5)) {
            SimClrTrainer trainer = new SimClrTrainer(model, lars(), new NtXentLoss(0.2));
            for (int i = 0; i < SimClrTrainer.MAX_CONSECUTIVE_SKIPS - 1; i++) {
                poisonGradient(model);
                run(trainer, i);
                assertThat(trainer.lastUpdateSkipped()).isTrue();
            }
            poisonGradient(model);
            assertThatThrownBy(() -> run(trainer, 9))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("are not finite at step " + (SimClrTrainer.MAX_CONSECUTIVE_SKIPS - 1))
                    .hasMessageEndingWith(", " + SimClrTrainer.MAX_CONSECUTIVE_SKIPS
                            + " steps in a row: training diverged (lower the learning rate)");
        }
    }

    @Test
    void noStateIsCapturedFromNonFiniteParameters() {
        try (SimClrModel model = SimClrModel.create(CONFIG, Device.cpu(), 5)) {
            SimClrTrainer trainer = new SimClrTrainer(model, lars(), new NtXentLoss(0.2));
            run(trainer, 0);
            assertThat(trainer.state().step()).isEqualTo(1);
            var poisoned = model.network().getParameters().get(1);
            Torch.noGrad(() -> poisoned.getValue().getArray().muli(Float.POSITIVE_INFINITY));
            assertThatThrownBy(trainer::state)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("parameters [" + poisoned.getKey()
                            + "] are not finite after step 1: not saved (a checkpoint must be resumable)");
        }
    }

    @Test
    void noStateIsCapturedFromNonFiniteBatchNormStatistics() {
        try (SimClrModel model = SimClrModel.create(CONFIG, Device.cpu(), 5)) {
            SimClrTrainer trainer = new SimClrTrainer(model, lars(), new NtXentLoss(0.2));
            run(trainer, 0);
            var statistic = model.network().getParameters().stream()
                    .filter(p -> !p.getValue().requiresGradient())
                    .findFirst()
                    .orElseThrow();
            Torch.noGrad(() -> statistic.getValue().getArray().muli(Float.NaN));
            assertThatThrownBy(trainer::state)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("parameters [" + statistic.getKey() + "] are not finite after step 1");
        }
    }
}
