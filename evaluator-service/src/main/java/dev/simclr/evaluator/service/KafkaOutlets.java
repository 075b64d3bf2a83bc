package dev.simclr.evaluator.service;

import dev.simclr.contracts.DeadLetter;
import dev.simclr.contracts.DeadLetter.Reason;
import dev.simclr.contracts.EvalResult;
import dev.simclr.evaluator.config.EvaluatorConfig;
import dev.simclr.evaluator.loop.EvaluationWorker;
import dev.simclr.evaluator.loop.PendingCheckpoint;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Results to {@code simclr.eval} (key = run id) and dead letters to {@code simclr.checkpoints.dlq}. A send is awaited
 * until the broker stored it or the producer gave up: while the broker is away (e.g. restarting) the producer keeps
 * retrying, and this logs every {@code publish-timeout} that it is still waiting rather than failing, because sending
 * again would duplicate a record the producer may still deliver.
 */
@ApplicationScoped
public class KafkaOutlets implements EvaluationWorker.Outlets {

    private static final Logger LOG = Logger.getLogger(KafkaOutlets.class);

    @Inject
    @Channel(Channels.EVAL)
    Emitter<String> eval;

    @Inject
    @Channel(Channels.CHECKPOINTS_DLQ)
    Emitter<byte[]> dlq;

    @Inject
    EvaluatorConfig config;

    @Override
    public void publish(EvalResult result) {
        await(send(eval, result.toJson(), result.runId(), List.of()), "result " + result.runId() + "@" + result.step());
    }

    @Override
    public void deadLetter(PendingCheckpoint event, Reason reason, String message, Throwable cause) {
        await(deadLetterAsync(event.source(), reason, message, cause), "dead letter for " + event);
    }

    /** Sends the unchanged source record with the dead-letter headers; completes when the broker stored it. */
    public CompletionStage<Void> deadLetterAsync(
            PendingCheckpoint.Source source, Reason reason, String message, Throwable cause) {
        List<RecordHeader> headers = new ArrayList<>();
        DeadLetter.headers(reason, message, cause, source.topic(), source.partition(), source.offset(), Instant.now())
                .forEach((k, v) -> headers.add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
        byte[] value = source.value() == null ? new byte[0] : source.value();
        return send(dlq, value, source.key(), headers);
    }

    private static <T> CompletionStage<Void> send(
            Emitter<T> emitter, T payload, String key, List<RecordHeader> headers) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        OutgoingKafkaRecordMetadata<String> meta = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key)
                .withHeaders(headers)
                .build();
        emitter.send(Message.of(
                payload,
                Metadata.of(meta),
                () -> {
                    done.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    done.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return done;
    }

    private void await(CompletionStage<Void> sent, String what) {
        long start = System.nanoTime();
        while (true) {
            try {
                sent.toCompletableFuture().get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending " + what, e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("sending " + what + " failed: " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                long waited = (System.nanoTime() - start) / 1_000_000_000L;
                if (waited >= config.outageTolerance().toSeconds()) {
                    throw new IllegalStateException(
                            "the broker did not acknowledge " + what + " within " + waited + " s", e);
                }
                LOG.warnf(
                        "the broker has not acknowledged %s for %d s; still waiting (the producer retries)",
                        what, waited);
            }
        }
    }
}
