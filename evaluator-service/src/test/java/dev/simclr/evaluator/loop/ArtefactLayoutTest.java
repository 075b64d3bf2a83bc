package dev.simclr.evaluator.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.contracts.RunLayout;
import dev.simclr.objectstore.S3Uri;
import org.junit.jupiter.api.Test;

class ArtefactLayoutTest {

    private final ArtefactLayout layout = new ArtefactLayout("simclr");

    @Test
    void artefactsLiveNextToTheCheckpoint() {
        assertThat(layout.checkpoint(Fixtures.event("simclr", "run-1", 7)))
                .isEqualTo(S3Uri.parse("s3://simclr/run-1/step-7/"));
        assertThat(layout.onnx("run-1", 7)).hasToString("s3://simclr/run-1/step-7/encoder.onnx");
        assertThat(layout.eval("run-1", 7)).hasToString("s3://simclr/run-1/step-7/eval.json");
        assertThat(layout.embedding("run-1", 7)).hasToString("s3://simclr/run-1/step-7/embedding.json");
        assertThat(layout.reference("run-1")).hasToString("s3://simclr/run-1/reference.json");
    }

    @Test
    void parsesStepFilesOnly() {
        assertThat(layout.parse(S3Uri.parse("s3://simclr/run-1/step-7/eval.json")))
                .contains(new RunLayout.StepFile("run-1", 7, "eval.json"));
        assertThat(layout.parse(S3Uri.parse("s3://simclr/run-1/reference.json")))
                .isEmpty();
        assertThat(layout.parse(S3Uri.parse("s3://simclr/run-1/step-07/eval.json")))
                .isEmpty();
        assertThat(layout.parse(S3Uri.parse("s3://simclr/run-1/step-7/x/eval.json")))
                .isEmpty();
        assertThat(layout.parse(S3Uri.parse("s3://other/run-1/step-7/eval.json")))
                .isEmpty();
    }
}
