package dev.simclr.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LbfgsTest {

    private static final ProbeConfig CFG =
            ProbeConfig.builder().optMaxIterations(200).build();

    @Test
    void findsTheMinimumOfAnIllConditionedQuadratic() {
        double[] scale = {1, 10, 100, 1000};
        double[] centre = {3, -2, 0.5, 7};
        Lbfgs.Objective f = (x, g) -> {
            double v = 0;
            for (int i = 0; i < x.length; i++) {
                double r = x[i] - centre[i];
                v += 0.5 * scale[i] * r * r;
                g[i] = scale[i] * r;
            }
            return v;
        };
        Lbfgs.Result r = Lbfgs.minimize(f, new double[4], CFG);
        for (int i = 0; i < 4; i++) {
            assertThat(r.x()[i]).isCloseTo(centre[i], within(1e-5));
        }
        assertThat(r.value()).isLessThan(1e-9);
        assertThat(r.stop()).isIn(Lbfgs.Stop.GRADIENT, Lbfgs.Stop.CHANGE);
        assertThat(r.iterations()).isLessThan(60);
    }

    @Test
    void solvesTheRosenbrockValley() {
        Lbfgs.Objective f = (x, g) -> {
            double a = 1 - x[0];
            double b = x[1] - x[0] * x[0];
            g[0] = -2 * a - 400 * x[0] * b;
            g[1] = 200 * b;
            return a * a + 100 * b * b;
        };
        Lbfgs.Result r = Lbfgs.minimize(f, new double[] {-1.2, 1}, CFG);
        assertThat(r.x()[0]).isCloseTo(1, within(1e-4));
        assertThat(r.x()[1]).isCloseTo(1, within(1e-4));
        assertThat(r.evaluations()).isGreaterThan(r.iterations());
    }

    @Test
    void stopsAtTheIterationBudget() {
        Lbfgs.Objective f = (x, g) -> {
            double a = 1 - x[0];
            double b = x[1] - x[0] * x[0];
            g[0] = -2 * a - 400 * x[0] * b;
            g[1] = 200 * b;
            return a * a + 100 * b * b;
        };
        Lbfgs.Result r = Lbfgs.minimize(
                f,
                new double[] {-1.2, 1},
                ProbeConfig.builder().optMaxIterations(3).build());
        assertThat(r.iterations()).isEqualTo(3);
        assertThat(r.stop()).isEqualTo(Lbfgs.Stop.ITERATIONS);
        assertThat(r.value()).isLessThan(24.2).isGreaterThan(0.01);
    }

    @Test
    void aStartingPointAtTheMinimumNeedsNoIteration() {
        Lbfgs.Objective f = (x, g) -> {
            g[0] = 2 * x[0];
            return x[0] * x[0];
        };
        Lbfgs.Result r = Lbfgs.minimize(f, new double[] {0}, CFG);
        assertThat(r.iterations()).isZero();
        assertThat(r.stop()).isEqualTo(Lbfgs.Stop.GRADIENT);
    }
}
