package dev.simclr.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** SmallRye Reactive Messaging through the broker that {@link KafkaTestResource} starts. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, initArgs = @ResourceArg(name = "topics", value = "it.channel:2"))
class KafkaChannelRoundTripIT {

    @Inject
    RoundTripChannels channels;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void recordsSentOnAnEmitterArriveAtTheIncomingMethod() {
        assertThat(bootstrapServers).startsWith("127.0.0.1:");
        List<String> sent = List.of("one", "two", "three", "four");
        sent.forEach(channels::send);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(channels.received()).containsExactlyInAnyOrderElementsOf(sent));
    }
}
