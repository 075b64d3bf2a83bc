package dev.simclr.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.launcher.stack.RunConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoPlanTest {

    @Test
    void fifteenMinutesLeaveTheStartAndTheFinalEvaluationOutOfTheTrainerBudget() {
        DemoPlan p = DemoPlan.of(15, 1.0);
        assertThat(p.trainerBudget())
                .isEqualTo(Duration.ofMinutes(15).minus(DemoPlan.STARTUP).minus(DemoPlan.FINAL_EVALUATION));
        assertThat(p.trainerBudget()).isEqualTo(Duration.ofSeconds(730));
        assertThat(p.estimatedSteps()).isEqualTo(730);
        // a quarter of the steps, rounded down to tens: 3 checkpoints evaluated before the final one
        assertThat(p.checkpointEvery()).isEqualTo(180);
        assertThat(p.estimatedSteps() / p.checkpointEvery()).isEqualTo(4);
    }

    @Test
    void shortDemosStillCheckpointAFewTimes() {
        DemoPlan p = DemoPlan.of(5, 0.1);
        assertThat(p.trainerBudget()).isEqualTo(Duration.ofSeconds(130));
        assertThat(p.estimatedSteps()).isEqualTo(20);
        assertThat(p.checkpointEvery()).isEqualTo(5);
    }

    @Test
    void minutesOutsideTheRangeAreRefused() {
        assertThatThrownBy(() -> DemoPlan.of(4)).hasMessage("--minutes must be in [5, 1440], got 4");
        assertThatThrownBy(() -> DemoPlan.of(1441)).hasMessage("--minutes must be in [5, 1440], got 1441");
    }

    @Test
    void theRunConfigIsTheRecipe() {
        DemoPlan p = DemoPlan.of(15, 1.0);
        RunConfig c = p.runConfig("demo", "/data/fm", -1).build();
        assertThat(c.inputSize()).isEqualTo(28);
        assertThat(c.channels()).isEqualTo(1);
        assertThat(c.arch()).isEqualTo("resnet18");
        assertThat(c.stem()).isEqualTo("small");
        assertThat(c.width()).isEqualTo(0.25);
        assertThat(c.batchSize()).isEqualTo(128);
        assertThat(c.cropScaleMin()).isEqualTo(0.2);
        assertThat(c.temperature()).isEqualTo(0.2);
        assertThat(c.optimizer()).isEqualTo("sgd");
        assertThat(c.lr()).isEqualTo(0.3);
        assertThat(c.weightDecay()).isEqualTo(5e-4);
        assertThat(c.trainerThreads()).isEqualTo(1);
        assertThat(c.evaluatorThreads()).isEqualTo(1);
        assertThat(c.timeBudget()).isEqualTo(Duration.ofSeconds(730));
        assertThat(c.totalSteps()).isEqualTo(730);
        assertThat(c.warmupSteps()).isEqualTo(73);
        assertThat(c.checkpointEvery()).isEqualTo(180);
        assertThat(c.evalEveryNth()).isEqualTo(1);
        assertThat(c.evalMaxTrain()).as("the demo scores the full protocol").isZero();
        assertThat(c.evalMaxTest()).isZero();
        assertThat(c.fit()).isEqualTo("pad");
        assertThat(c.holdoutSet())
                .as("Fashion-MNIST stays the demo's evaluation set")
                .isNull();
        assertThat(c.maxPollRecords()).isEqualTo(500);
        assertThat(c.maxViewsLag()).isEqualTo(4_000);
        assertThat(c.mean()).containsExactly(0.2860);
        assertThat(c.std()).containsExactly(0.3530);
        assertThat(c.zeroInitResidual()).isTrue();
        assertThat(c.budgetMeasureSteps()).isEqualTo(40);
        assertThat(c.budgetSettleSteps()).isEqualTo(60);
        assertThat(p.runConfig("demo", "/data/fm", 2).build().trainerThreads()).isEqualTo(2);
    }
}
