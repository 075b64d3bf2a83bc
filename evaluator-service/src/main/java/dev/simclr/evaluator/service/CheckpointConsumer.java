package dev.simclr.evaluator.service;

import dev.simclr.contracts.CheckpointEvent;
import dev.simclr.contracts.ContractException;
import dev.simclr.contracts.DeadLetter.Reason;
import dev.simclr.evaluator.loop.PendingCheckpoint;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Adapts {@code simclr.checkpoints} records: unparseable values go to the dead-letter topic at once; events are handed
 * to the {@link EvaluatorService}'s queue and acknowledged later, when the worker has evaluated, skipped or
 * dead-lettered them. Runs on the connector's event loop and never blocks it.
 */
@ApplicationScoped
public class CheckpointConsumer {

    private static final Logger LOG = Logger.getLogger(CheckpointConsumer.class);

    @Inject
    EvaluatorService service;

    @Inject
    KafkaOutlets outlets;

    @Inject
    EvaluatorMetrics metrics;

    @Incoming(Channels.CHECKPOINTS)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        PendingCheckpoint.Source source = source(message);
        CheckpointEvent event;
        try {
            if (source.value() == null || source.value().length == 0) {
                throw new ContractException("checkpoint event: the record value is empty");
            }
            event = CheckpointEvent.fromJson(source.value());
        } catch (ContractException e) {
            LOG.warnf(
                    "dead-lettering %s-%d@%d (unparseable): %s",
                    source.topic(), source.partition(), source.offset(), e.getMessage());
            metrics.failed(Reason.UNPARSEABLE);
            return outlets.deadLetterAsync(source, Reason.UNPARSEABLE, e.getMessage(), e)
                    .thenCompose(sent -> message.ack());
        }
        service.offer(new PendingCheckpoint(event, source, message::ack));
        return CompletableFuture.completedFuture(null);
    }

    @SuppressWarnings("unchecked")
    private static PendingCheckpoint.Source source(Message<byte[]> message) {
        IncomingKafkaRecordMetadata<String, byte[]> meta =
                message.getMetadata(IncomingKafkaRecordMetadata.class).orElse(null);
        if (meta == null) {
            return new PendingCheckpoint.Source(Channels.CHECKPOINTS, -1, -1, null, message.getPayload());
        }
        return new PendingCheckpoint.Source(
                meta.getTopic(), meta.getPartition(), meta.getOffset(), meta.getKey(), message.getPayload());
    }
}
