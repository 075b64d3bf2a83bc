package dev.simclr.augmenter.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoopSettingsTest {

    @Test
    void namesDeriveFromTheRunId() {
        LoopSettings s = LoopSettings.builder().setBootstrapServers("b:9092").setRunId("r7").setEpochs(3)
                .optInstanceId("pod-1").build();
        assertThat(s.groupId(0)).isEqualTo("simclr-augmenter.r7.e0");
        assertThat(s.groupId(2)).isEqualTo("simclr-augmenter.r7.e2");
        assertThat(s.transactionalId()).isEqualTo("simclr-augmenter.r7-pod-1");
        assertThat(s.trainerGroup()).isEqualTo("simclr-trainer.r7");
        assertThat(s.imagesTopic()).isEqualTo("simclr.images");
        assertThat(s.viewsTopic()).isEqualTo("simclr.views");
        assertThat(s.dlqTopic()).isEqualTo("simclr.images.dlq");
        assertThat(s.maxPollRecords()).isEqualTo(64);
        assertThat(s.maxViewsLag()).isEqualTo(20_000);
    }

    @Test
    void overridesWin() {
        LoopSettings s = LoopSettings.builder().setBootstrapServers("b:9092").setRunId("r7").setEpochs(1)
                .optGroupPrefix("g").optTransactionalIdPrefix("tx").optTrainerGroup("t").optInstanceId("i").build();
        assertThat(s.groupId(1)).isEqualTo("g.e1");
        assertThat(s.transactionalId()).isEqualTo("tx-i");
        assertThat(s.trainerGroup()).isEqualTo("t");
    }

    @Test
    void refusesBadValues() {
        assertThatThrownBy(() -> LoopSettings.builder().setBootstrapServers("b").setRunId("r").setEpochs(0).build())
                .hasMessageContaining("epochs must be >= 1");
        assertThatThrownBy(() -> LoopSettings.builder().setBootstrapServers("b").setEpochs(1).build())
                .hasMessageContaining("run id is required");
        assertThatThrownBy(() -> LoopSettings.builder().setBootstrapServers("b").setRunId("r").setEpochs(1)
                .optInstanceId("has space").build()).hasMessageContaining("instance id");
        assertThat(LoopSettings.defaultInstanceId()).matches("[A-Za-z0-9._-]{1,100}");
    }
}
