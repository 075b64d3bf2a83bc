package dev.simclr.trainer.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.model.run.Algorithm;
import dev.simclr.model.run.OptimizerSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BudgetMathTest {

    @Test
    void theStepsThatFitInTheTimeLeftAreAddedToTheStepsDone() {
        // 15 min budget, 30 s used by 21 steps, 1.2 s/step, no checkpoints measured:
        // (900 - 30) / 1.2 = 725 more steps.
        assertThat(BudgetMath.totalSteps(Duration.ofMinutes(15), Duration.ofSeconds(30), 21, 1.2, 0, 100))
                .isEqualTo(21 + 725);
    }

    @Test
    void checkpointsCostAShareOfEveryStepAndTheFinalOneIsReserved() {
        // left = 600 - 60 - 2 = 538 s; per step = 0.5 + 2/50 = 0.54 s; floor(538 / 0.54) = 996.
        assertThat(BudgetMath.totalSteps(Duration.ofMinutes(10), Duration.ofMinutes(1), 21, 0.5, 2, 50))
                .isEqualTo(21 + 996);
        // checkpointing every step doubles the cost of a step
        assertThat(BudgetMath.totalSteps(Duration.ofSeconds(100), Duration.ZERO, 1, 1, 1, 1))
                .isEqualTo(1 + 49);
    }

    @Test
    void anExhaustedBudgetStopsAtTheStepsDone() {
        assertThat(BudgetMath.totalSteps(Duration.ofSeconds(60), Duration.ofSeconds(61), 40, 0.1, 0, 10))
                .isEqualTo(40);
        assertThat(BudgetMath.totalSteps(Duration.ofSeconds(60), Duration.ofSeconds(59), 40, 0.1, 2, 10))
                .as("less than the final checkpoint left")
                .isEqualTo(40);
        assertThat(BudgetMath.totalSteps(Duration.ofSeconds(60), Duration.ofSeconds(59), 40, 2.0, 0, 10))
                .as("less than one step left")
                .isEqualTo(40);
    }

    @Test
    void impossibleInputsAreRefusedWithAReason() {
        assertThatThrownBy(() -> BudgetMath.totalSteps(Duration.ofSeconds(1), Duration.ZERO, 1, 0, 0, 1))
                .hasMessage("time budget: seconds per step must be finite and > 0, got 0.0");
        assertThatThrownBy(() -> BudgetMath.totalSteps(Duration.ofSeconds(1), Duration.ZERO, 1, 1, Double.NaN, 1))
                .hasMessageStartingWith("time budget: checkpoint seconds must be finite and >= 0");
        assertThatThrownBy(() -> BudgetMath.totalSteps(Duration.ofSeconds(1), Duration.ZERO, 0, 1, 0, 1))
                .hasMessageStartingWith("time budget: need steps done >= 1");
    }

    @Test
    void theDerivedSpecKeepsEverythingButTheLengthAndTheWarmupFraction() {
        OptimizerSpec configured = new OptimizerSpec(Algorithm.SGD, 0.6, 80, 800, 5e-4, 0.9);
        assertThat(BudgetMath.withTotalSteps(configured, 486))
                .isEqualTo(new OptimizerSpec(Algorithm.SGD, 0.6, 49, 486, 5e-4, 0.9));
        assertThat(BudgetMath.withTotalSteps(configured, 1200))
                .isEqualTo(new OptimizerSpec(Algorithm.SGD, 0.6, 120, 1200, 5e-4, 0.9));
        // a configured warm-up never vanishes; none stays none
        assertThat(BudgetMath.withTotalSteps(configured, 4).warmupSteps()).isEqualTo(1);
        assertThat(BudgetMath.withTotalSteps(new OptimizerSpec(Algorithm.SGD, 0.6, 0, 800, 5e-4, 0.9), 486)
                        .warmupSteps())
                .isZero();
    }
}
