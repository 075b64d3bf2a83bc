package dev.simclr.trainer.loop;

import dev.simclr.trainer.config.KafkaClients;
import dev.simclr.trainer.config.TrainerSetup;
import java.util.Map;

/** Test access to the trainer's resolved views-consumer properties, so benches use exactly them. */
public final class TrainerConsumerConfig {

    private TrainerConsumerConfig() {}

    /** The properties {@code KafkaClients.consumer(settings)} creates the views consumer with. */
    public static Map<String, Object> viewsConsumer(TrainerSetup settings) {
        return settings.kafka().forClient(KafkaClients.consumerSpec(settings));
    }
}
