package dev.simclr.trainer.input;

import dev.simclr.contracts.ContractException;
import dev.simclr.contracts.DeadLetter;
import dev.simclr.contracts.EncodedViewPair;
import dev.simclr.contracts.ViewPairCodec;
import dev.simclr.contracts.ViewPairHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Decides what a {@code simclr.views} record is for this run: a pair to train on, another run's record to skip, or a
 * dead letter with a reason (undecodable, or a shape or canvas the model cannot take).
 */
public final class ViewTriage {

    /** Header with the augmenter's run id (UTF-8). */
    public static final String RUN_ID_HEADER = ViewPairHeaders.RUN_ID;
    /** Header with the augmenter's epoch (decimal, UTF-8). */
    public static final String EPOCH_HEADER = ViewPairHeaders.EPOCH;
    /** Header with the canvas the augmenter cropped the views from (e.g. {@code pad}). */
    public static final String FIT_HEADER = ViewPairHeaders.FIT;

    /** The outcome for one record. */
    public sealed interface Outcome {}

    /** A pair this run trains on. */
    public record Accepted(EncodedViewPair pair) implements Outcome {}

    /** A record of another run (its header names it); skipped and counted, never dead-lettered. */
    public record OtherRun(String runId) implements Outcome {}

    /** A record that cannot be trained on. */
    public record Rejected(DeadLetter.Reason reason, String message, Throwable failure) implements Outcome {}

    private final String runId;
    private final int size;
    private final int channels;
    private final String fit;

    /**
     * Creates a classifier.
     *
     * @param runId this trainer's run id
     * @param inputSize the model's square input side
     * @param channels the model's input channels
     * @param fit the model's canvas id ({@code pad}, {@code resize}, {@code center-crop})
     */
    public ViewTriage(String runId, int inputSize, int channels, String fit) {
        this.runId = runId;
        this.size = inputSize;
        this.channels = channels;
        this.fit = java.util.Objects.requireNonNull(fit, "fit");
    }

    /**
     * Classifies one record. Records without a run-id header are accepted (any producer may feed the run); a header
     * naming another run means skip. A canvas header naming another fit than the model's is a dead letter
     * ({@code wrong-shape}): the augmenter and the trainer disagree on {@code fit}, and training on such views would
     * score the encoder on a canvas it never saw.
     */
    public Outcome classify(ConsumerRecord<byte[], byte[]> record) {
        Header run = record.headers().lastHeader(RUN_ID_HEADER);
        if (run != null && run.value() != null) {
            String other = new String(run.value(), StandardCharsets.UTF_8);
            if (!other.equals(runId)) {
                return new OtherRun(other);
            }
        }
        if (record.value() == null) {
            return new Rejected(DeadLetter.Reason.UNPARSEABLE, "view pair: record has no value (tombstone)", null);
        }
        EncodedViewPair pair;
        try {
            pair = ViewPairCodec.decodeInPlace(record.value());
        } catch (ContractException e) {
            return new Rejected(DeadLetter.Reason.UNPARSEABLE, e.getMessage(), e);
        }
        if (pair.height() != size || pair.width() != size || pair.channels() != channels) {
            return new Rejected(
                    DeadLetter.Reason.WRONG_SHAPE,
                    "view pair " + pair.imageId() + " is " + pair.height()
                            + "x" + pair.width() + "x" + pair.channels() + ", the run's model takes " + size + "x"
                            + size
                            + "x" + channels,
                    null);
        }
        Header canvas = record.headers().lastHeader(FIT_HEADER);
        if (canvas != null && canvas.value() != null) {
            String made = new String(canvas.value(), StandardCharsets.UTF_8);
            if (!made.equals(fit)) {
                return new Rejected(
                        DeadLetter.Reason.WRONG_SHAPE,
                        "view pair " + pair.imageId() + " was cropped from the '"
                                + made + "' canvas (simclr.augmenter.policy.fit), the run's model takes '" + fit
                                + "' (simclr.trainer.model.fit): set both to the same value",
                        null);
            }
        }
        return new Accepted(pair);
    }
}
