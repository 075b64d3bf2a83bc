package dev.simclr.evaluator.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.evaluator.loop.EvaluationQueue.SkipReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EvaluationQueueTest {

    private final AtomicLong now = new AtomicLong();
    private final List<String> skips = new ArrayList<>();

    private EvaluationQueue queue(long everyNth, Duration grace) {
        return new EvaluationQueue(
                everyNth, grace, now::get, (p, reason, detail) -> skips.add(p + " " + reason.code()));
    }

    private static PendingCheckpoint pending(String run, long step) {
        return new PendingCheckpoint(
                Fixtures.event(run, step), new PendingCheckpoint.Source("t", 0, step, run, null), () -> {});
    }

    @Test
    void aNewerCheckpointSupersedesThePendingOneAndTheNewestIsEvaluated() {
        EvaluationQueue q = queue(1, Duration.ZERO);
        PendingCheckpoint s100 = pending("a", 100);
        q.offer(s100);
        assertThat(q.poll()).contains(s100);
        PendingCheckpoint s200 = pending("a", 200);
        PendingCheckpoint s300 = pending("a", 300);
        q.offer(s200);
        q.offer(s300);
        assertThat(skips).containsExactly("a@200 superseded");
        assertThat(s200.completed()).isTrue();
        assertThat(s300.completed()).isFalse();
        q.done(s100);
        assertThat(q.poll()).contains(s300);
        assertThat(q.poll()).isEmpty();
    }

    @Test
    void olderAndDuplicateEventsAreSkippedOnArrival() {
        EvaluationQueue q = queue(1, Duration.ZERO);
        PendingCheckpoint s200 = pending("a", 200);
        q.offer(s200);
        q.offer(pending("a", 200));
        q.offer(pending("a", 100));
        assertThat(skips).containsExactly("a@200 duplicate", "a@100 superseded");
        assertThat(q.poll()).contains(s200);
        q.offer(pending("a", 200));
        assertThat(skips).last().isEqualTo("a@200 duplicate");
        q.done(s200);
        // Once done, the same step may come again (e.g. a retry): the worker's eval.json check decides.
        PendingCheckpoint again = pending("a", 200);
        q.offer(again);
        assertThat(q.poll()).contains(again);
    }

    @Test
    void runsAreIndependentAndServedInArrivalOrder() {
        EvaluationQueue q = queue(1, Duration.ZERO);
        q.offer(pending("b", 10));
        q.offer(pending("a", 10));
        q.offer(pending("b", 20));
        assertThat(skips).containsExactly("b@10 superseded");
        assertThat(q.poll().map(Object::toString)).contains("a@10");
        assertThat(q.poll().map(Object::toString)).contains("b@20");
        assertThat(q.runs()).containsExactly("b", "a");
    }

    @Test
    void everyNthDefersOtherStepsUntilTheGraceEndsOrANewerOneArrives() {
        EvaluationQueue q = queue(1000, Duration.ofMinutes(10));
        q.offer(pending("a", 500));
        assertThat(q.poll()).as("500 is deferred").isEmpty();
        q.offer(pending("a", 1000));
        assertThat(skips).containsExactly("a@500 every-nth");
        assertThat(q.poll().map(Object::toString)).contains("a@1000");

        q.offer(pending("a", 1500));
        now.addAndGet(Duration.ofMinutes(9).toNanos());
        assertThat(q.poll()).isEmpty();
        now.addAndGet(Duration.ofMinutes(2).toNanos());
        assertThat(q.poll().map(Object::toString))
                .as("the run's last checkpoint is evaluated after the grace")
                .contains("a@1500");
    }

    @Test
    void takeBlocksUntilAnEventArrives() throws Exception {
        EvaluationQueue q = new EvaluationQueue(1, Duration.ZERO, System::nanoTime, (p, r, d) -> {});
        CompletableFuture<PendingCheckpoint> taken = CompletableFuture.supplyAsync(() -> {
            try {
                return q.take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertThat(taken).isNotDone();
        PendingCheckpoint p = pending("a", 1);
        q.offer(p);
        assertThat(taken.get(5, TimeUnit.SECONDS)).isSameAs(p);
        assertThat(q.inProgress()).contains(p);
    }

    @Test
    void skipReasonsHaveStableCodes() {
        assertThat(List.of(SkipReason.values()))
                .extracting(SkipReason::code)
                .containsExactly("superseded", "duplicate", "every-nth", "already-evaluated");
    }
}
