package dev.simclr.trainer.loop;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.simclr.contracts.EncodedViewPair;
import dev.simclr.contracts.TrainedPosition;
import dev.simclr.model.ModelConfig;
import dev.simclr.model.data.BatchAssembler;
import dev.simclr.model.engine.Torch;
import dev.simclr.trainer.input.PairBatch;
import dev.simclr.trainer.testing.Views;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BatchStagerTest {

    private static final ModelConfig MODEL =
            ModelConfig.builder().setChannels(1).setInputSize(8).build();

    private static PairBatch batch(long sequence, int size, int side) {
        List<EncodedViewPair> pairs = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            pairs.add(EncodedViewPair.of(Views.pair("b" + sequence + "-" + i, side, 1, sequence * 100 + i)));
        }
        return new PairBatch(sequence, pairs, TrainedPosition.of(Map.of(0, sequence * size)), 0, 0, false);
    }

    @Test
    void stagesBatchesInOrderAsTheAssemblerWouldOnTheTrainingThread() throws Exception {
        BlockingQueue<PairBatch> in = new ArrayBlockingQueue<>(4);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        BatchStager stager = new BatchStager(in, MODEL, Device.cpu(), "stager-test", failure::set);
        stager.start();
        BatchAssembler reference = BatchAssembler.forConfig(MODEL);
        try (NDManager m = Torch.engine().newBaseManager()) {
            for (long s = 1; s <= 6; s++) {
                in.put(batch(s, 3, 8));
            }
            for (long s = 1; s <= 6; s++) {
                try (BatchStager.Staged staged = stager.poll(10_000)) {
                    assertThat(staged).as("batch %d staged", s).isNotNull();
                    assertThat(staged.batch().sequence()).isEqualTo(s);
                    assertThat(staged.views().getShape()).isEqualTo(new Shape(6, 1, 8, 8));
                    NDArray expected = reference.assemble(m, staged.batch().pairs());
                    assertThat(staged.views().toFloatArray()).containsExactly(expected.toFloatArray());
                }
            }
            assertThat(stager.poll(200)).isNull();
            assertThat(stager.waiting()).isZero();
        } finally {
            stager.stop();
        }
        assertThat(failure.get()).isNull();
    }

    @Test
    void aBatchItCannotStageIsReportedAndEndsTheThread() throws Exception {
        BlockingQueue<PairBatch> in = new ArrayBlockingQueue<>(4);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        BatchStager stager = new BatchStager(in, MODEL, Device.cpu(), "stager-test", failure::set);
        stager.start();
        try {
            in.put(batch(1, 2, 4));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (failure.get() == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(failure.get())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("batch assembler: pair 0 (b1-0) is 4x4x1, expected 8x8x1");
            in.put(batch(2, 2, 8));
            assertThat(stager.poll(300)).as("nothing after the failure").isNull();
        } finally {
            stager.stop();
        }
    }
}
