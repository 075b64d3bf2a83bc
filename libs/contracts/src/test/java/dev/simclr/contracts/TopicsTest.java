package dev.simclr.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicsTest {

    @Test
    void namesAreTheAgreedOnes() {
        assertThat(Topics.IMAGES).isEqualTo("simclr.images");
        assertThat(Topics.VIEWS).isEqualTo("simclr.views");
        assertThat(Topics.CHECKPOINTS).isEqualTo("simclr.checkpoints");
        assertThat(Topics.EVAL).isEqualTo("simclr.eval");
        assertThat(Topics.IMAGES_DLQ).isEqualTo("simclr.images.dlq");
        assertThat(Topics.VIEWS_DLQ).isEqualTo("simclr.views.dlq");
        assertThat(Topics.CHECKPOINTS_DLQ).isEqualTo("simclr.checkpoints.dlq");
        assertThat(Topics.PROGRESS).isEqualTo("simclr.progress");
        assertThat(Topics.all())
                .hasSize(8)
                .contains(Topics.PROGRESS)
                .doesNotHaveDuplicates()
                .allSatisfy(t -> assertThat(Topics.checkName(t)).isEqualTo(t));
    }

    @Test
    void dlqAppendsTheSuffix() {
        assertThat(Topics.dlq(Topics.IMAGES)).isEqualTo(Topics.IMAGES_DLQ);
        assertThat(Topics.dlq(Topics.VIEWS)).isEqualTo(Topics.VIEWS_DLQ);
        assertThat(Topics.dlq(Topics.CHECKPOINTS)).isEqualTo(Topics.CHECKPOINTS_DLQ);
        assertThat(Topics.dlq("my-topic_2")).isEqualTo("my-topic_2.dlq");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "simclr.images.dlq | is already a dead-letter topic",
                "a b               | may only contain [A-Za-z0-9._-]",
                "..                | illegal name '..'",
                "''                | illegal name ''",
            })
    void dlqRejectsBadTopics(String topic, String reason) {
        assertThatThrownBy(() -> Topics.dlq(topic))
                .isInstanceOf(ContractException.class)
                .hasMessageStartingWith("topic: ")
                .hasMessageContaining(reason);
    }

    @Test
    void rejectsNullAndTooLongNames() {
        assertThatThrownBy(() -> Topics.dlq(null))
                .isInstanceOf(ContractException.class)
                .hasMessage("topic: 'name' is required");
        String longest = "t".repeat(Topics.MAX_NAME_CHARS);
        assertThat(Topics.checkName(longest)).isEqualTo(longest);
        assertThatThrownBy(() -> Topics.checkName(longest + "x"))
                .hasMessage("topic: name is 250 characters long (max 249)");
        assertThatThrownBy(() -> Topics.dlq("t".repeat(246)))
                .hasMessage("topic: name is 250 characters long (max 249)");
    }
}
