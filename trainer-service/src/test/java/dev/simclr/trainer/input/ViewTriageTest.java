package dev.simclr.trainer.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.contracts.DeadLetter;
import dev.simclr.trainer.testing.Views;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ViewTriageTest {

    private final ViewTriage classifier = new ViewTriage("run-a", 8, 1, "pad");

    @Test
    void acceptsPairsOfThisRunAndPairsWithoutARunHeader() {
        assertThat(classifier.classify(Views.record("v", 0, 0, Views.encoded("x", 8, 1, 1), "run-a")))
                .isInstanceOfSatisfying(
                        ViewTriage.Accepted.class,
                        a -> assertThat(a.pair().imageId()).isEqualTo("x"));
        assertThat(classifier.classify(Views.record("v", 0, 1, Views.encoded("y", 8, 1, 2), null)))
                .isInstanceOf(ViewTriage.Accepted.class);
    }

    @Test
    void skipsOtherRunsWithoutDecoding() {
        assertThat(classifier.classify(Views.record("v", 0, 0, new byte[] {1, 2, 3}, "run-b")))
                .isEqualTo(new ViewTriage.OtherRun("run-b"));
    }

    @Test
    void rejectsUndecodableTombstonesAndWrongShapesWithReasons() {
        byte[] truncated = Arrays.copyOf(Views.encoded("x", 8, 1, 1), 60);
        ViewTriage.Outcome bad = classifier.classify(Views.record("v", 0, 0, truncated, "run-a"));
        assertThat(bad).isInstanceOfSatisfying(ViewTriage.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(DeadLetter.Reason.UNPARSEABLE);
            assertThat(r.message()).contains("truncated");
        });
        assertThat(classifier.classify(Views.record("v", 0, 1, null, "run-a")))
                .isInstanceOfSatisfying(
                        ViewTriage.Rejected.class, r -> assertThat(r.message()).contains("tombstone"));
        assertThat(classifier.classify(Views.record("v", 0, 2, Views.encoded("big", 16, 1, 1), "run-a")))
                .isInstanceOfSatisfying(ViewTriage.Rejected.class, r -> {
                    assertThat(r.reason()).isEqualTo(DeadLetter.Reason.WRONG_SHAPE);
                    assertThat(r.message()).isEqualTo("view pair big is 16x16x1, the run's model takes 8x8x1");
                });
        assertThat(classifier.classify(Views.record("v", 0, 3, Views.encoded("rgb", 8, 3, 1), "run-a")))
                .isInstanceOfSatisfying(
                        ViewTriage.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(DeadLetter.Reason.WRONG_SHAPE));
    }

    @Test
    void acceptsViewsOfTheModelsCanvasAndDeadLettersOthers() {
        var same = Views.record("v", 0, 0, Views.encoded("p", 8, 1, 1), "run-a");
        same.headers().add(ViewTriage.FIT_HEADER, "pad".getBytes(StandardCharsets.UTF_8));
        assertThat(classifier.classify(same)).isInstanceOf(ViewTriage.Accepted.class);

        var stretched = Views.record("v", 0, 1, Views.encoded("s", 8, 1, 1), "run-a");
        stretched.headers().add(ViewTriage.FIT_HEADER, "resize".getBytes(StandardCharsets.UTF_8));
        assertThat(classifier.classify(stretched)).isInstanceOfSatisfying(ViewTriage.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(DeadLetter.Reason.WRONG_SHAPE);
            assertThat(r.message())
                    .isEqualTo("view pair s was cropped from the 'resize' canvas"
                            + " (simclr.augmenter.policy.fit), the run's model takes 'pad' (simclr.trainer.model.fit):"
                            + " set both to the same value");
        });
    }
}
