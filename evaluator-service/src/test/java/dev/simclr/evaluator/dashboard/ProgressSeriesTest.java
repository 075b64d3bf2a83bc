package dev.simclr.evaluator.dashboard;

import static dev.simclr.evaluator.dashboard.ProgressHistoryTest.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.contracts.TrainingProgress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressSeriesTest {

    private static List<TrainingProgress> points(int n) {
        List<TrainingProgress> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(at("r", i, i));
        }
        return out;
    }

    @Test
    void fewPointsAreReturnedAsTheyAre() {
        ProgressSeries s = ProgressSeries.of(points(3), 10);
        assertThat(s.step()).containsExactly(1, 2, 3);
        assertThat(s.loss()).containsExactly(1, 2, 3);
        assertThat(s.viewsPerSecond()).containsExactly(201, 202, 203);
        assertThat(s.samplesSeen()).containsExactly(128, 256, 384);
        assertThat(ProgressSeries.of(List.of(), 10).size()).isZero();
    }

    @Test
    void manyPointsAreAveragedInBucketsEndingAtTheNewest() {
        ProgressSeries s = ProgressSeries.of(points(10), 4);
        // buckets [0,2) [2,5) [5,7) [7,10) -> steps 1-2, 3-5, 6-7, 8-10
        assertThat(s.step()).containsExactly(2, 5, 7, 10);
        assertThat(s.loss()).containsExactly(1.5, 4.0, 6.5, 9.0);
        assertThat(s.viewsPerSecond()).containsExactly(201.5, 204.0, 206.5, 209.0);
        assertThat(s.lr()).containsOnly(0.1);
        assertThat(s.samplesSeen()).containsExactly(256, 640, 896, 1280);
        assertThat(ProgressSeries.of(points(5000), 500).size()).isEqualTo(500);
        assertThat(ProgressSeries.of(points(5000), 500).step()[499]).isEqualTo(5000);
    }
}
