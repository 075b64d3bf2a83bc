package dev.simclr.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.contracts.KafkaAccess.Grant;
import dev.simclr.contracts.KafkaAccess.Identity;
import dev.simclr.contracts.KafkaAccess.Operation;
import dev.simclr.contracts.KafkaAccess.PatternType;
import dev.simclr.contracts.KafkaAccess.ResourceType;
import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaAccessTest {

    @Test
    void everyTopicGrantNamesAPipelineTopic() {
        for (Identity id : Identity.values()) {
            assertThat(KafkaAccess.grants(id))
                    .filteredOn(g -> g.type() == ResourceType.TOPIC)
                    .allSatisfy(g -> {
                        assertThat(Topics.all()).contains(g.name());
                        assertThat(g.pattern()).isEqualTo(PatternType.LITERAL);
                    });
        }
    }

    @Test
    void eachTopicHasOneWriterIdentityAndDeadLettersAreWrittenByTheirReader() {
        for (String topic : Topics.all()) {
            List<Identity> writers = java.util.Arrays.stream(Identity.values())
                    .filter(id -> KafkaAccess.grants(id)
                            .contains(new Grant(ResourceType.TOPIC, topic, PatternType.LITERAL, Operation.WRITE)))
                    .toList();
            assertThat(writers).as("writers of " + topic).hasSize(1);
        }
        assertThat(KafkaAccess.grants(Identity.TRAINER))
                .contains(
                        new Grant(ResourceType.TOPIC, Topics.VIEWS, PatternType.LITERAL, Operation.READ),
                        new Grant(ResourceType.TOPIC, Topics.VIEWS_DLQ, PatternType.LITERAL, Operation.WRITE))
                .noneMatch(g -> g.name().equals(Topics.IMAGES));
    }

    @Test
    void onlyTheAugmenterUsesTransactionsAndItMayDescribeTheTrainersGroup() {
        assertThat(KafkaAccess.grants(Identity.AUGMENTER))
                .contains(
                        new Grant(
                                ResourceType.TRANSACTIONAL_ID,
                                "simclr-augmenter.",
                                PatternType.PREFIXED,
                                Operation.WRITE),
                        new Grant(ResourceType.GROUP, "simclr-trainer.", PatternType.PREFIXED, Operation.DESCRIBE));
        for (Identity id : List.of(Identity.TRAINER, Identity.EVALUATOR, Identity.CLIENT)) {
            assertThat(KafkaAccess.grants(id)).noneMatch(g -> g.type() == ResourceType.TRANSACTIONAL_ID);
        }
        assertThat(KafkaAccess.grants(Identity.CLIENT)).noneMatch(g -> g.type() == ResourceType.GROUP);
    }
}
