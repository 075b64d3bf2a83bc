package dev.simclr.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrainerHoldBackTest {

    @Test
    void theWatermarkTrailsByFourBuffersAndTheBatchesBehindIt() {
        assertThat(TrainerHoldBack.defaultShuffleBuffer(256)).isEqualTo(4_096);
        // 4 x 4,096 in and behind the buffer + (4 queued + 2 staged + 1 pending) x 256
        assertThat(TrainerHoldBack.pairs(256, 4_096, 4)).isEqualTo(16_384 + 1_792);
        assertThat(TrainerHoldBack.pairs(256, 0, 4)).as("no shuffling").isEqualTo(7 * 256);
        assertThat(TrainerHoldBack.pairs(256, TrainerHoldBack.defaultShuffleBuffer(256), 4))
                .as("the default of docker-compose and deploy/ (B = 256) fits their 20,000-pair gate")
                .isLessThan(20_000);
    }
}
