package dev.simclr.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RunLayoutTest {

    @Test
    void namesTheKeysOfARun() {
        assertThat(RunLayout.run("demo")).isEqualTo("demo/");
        assertThat(RunLayout.step("demo", 987)).isEqualTo("demo/step-987/");
        assertThat(RunLayout.manifest("demo", 0)).isEqualTo("demo/step-0/manifest.json");
        assertThat(RunLayout.stepFile("demo", 5, RunLayout.ONNX)).isEqualTo("demo/step-5/encoder.onnx");
        assertThat(RunLayout.lease("demo")).isEqualTo("demo/LEASE");
        assertThat(RunLayout.reference("demo")).isEqualTo("demo/reference.json");
        assertThatThrownBy(() -> RunLayout.step("demo", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("step must be >= 0, got -1");
    }

    @Test
    void readsStepDirectoriesWithoutLeadingZerosOrSigns() {
        assertThat(RunLayout.stepOfDir("step-0")).isEqualTo(OptionalLong.of(0));
        assertThat(RunLayout.stepOfDir("step-120")).isEqualTo(OptionalLong.of(120));
        assertThat(RunLayout.stepOfDir("step-999999999999999999")).isEqualTo(OptionalLong.of(999_999_999_999_999_999L));
        for (String name : new String[] {
            "step-007", "step--1", "step-", "step-1a", "steps-1", "step-1/", "Step-1", "step-1000000000000000000"
        }) {
            assertThat(RunLayout.stepOfDir(name)).as(name).isEmpty();
        }
    }

    @Test
    void parsesFilesDirectlyInsideAStep() {
        assertThat(RunLayout.parse("run-1/step-7/manifest.json")).hasValueSatisfying(f -> {
            assertThat(f).isEqualTo(new RunLayout.StepFile("run-1", 7, "manifest.json"));
            assertThat(f.isManifest()).isTrue();
        });
        assertThat(RunLayout.parse("run-1/step-7/eval.json").orElseThrow().isManifest())
                .isFalse();
        for (String key : new String[] {
            "run-1/step-7/",
            "run-1/step-7/sub/manifest.json",
            "a/run-1/step-7/eval.json",
            "run-1/LEASE",
            "run-1/reference.json",
            "run-1/step-07/eval.json",
            "/step-7/eval.json"
        }) {
            assertThat(RunLayout.parse(key)).as(key).isEmpty();
        }
    }

    @Test
    void everyBuiltStepKeyParsesBack() {
        for (long step : new long[] {0, 1, 250, Long.MAX_VALUE / 10}) {
            String key = RunLayout.manifest("r", step);
            assertThat(RunLayout.parse(key)).contains(new RunLayout.StepFile("r", step, RunLayout.MANIFEST));
        }
    }
}
