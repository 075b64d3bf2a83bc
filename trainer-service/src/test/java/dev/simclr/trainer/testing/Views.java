package dev.simclr.trainer.testing;

import dev.simclr.contracts.ViewPair;
import dev.simclr.contracts.ViewPairCodec;
import dev.simclr.trainer.input.ViewTriage;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** Test view pairs: deterministic noisy pairs of a given shape, encoded, as consumer records. */
public final class Views {

    private Views() {}

    /** A pair whose second view is a noisy copy of the first (a positive pair). */
    public static ViewPair pair(String id, int size, int channels, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] a = new byte[size * size * channels];
        byte[] b = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) rng.nextInt(256);
            b[i] = (byte) Math.min(255, (a[i] & 0xff) + rng.nextInt(30));
        }
        return new ViewPair(id, 0, seed, size, size, channels, a, b);
    }

    /** Encoded pair bytes. */
    public static byte[] encoded(String id, int size, int channels, long seed) {
        return ViewPairCodec.encode(pair(id, size, channels, seed));
    }

    /** A consumer record of {@code topic} with the run header (null = no header). */
    public static ConsumerRecord<byte[], byte[]> record(
            String topic, int partition, long offset, byte[] value, String runId) {
        RecordHeaders headers = new RecordHeaders();
        if (runId != null) {
            headers.add(ViewTriage.RUN_ID_HEADER, runId.getBytes(StandardCharsets.UTF_8));
            headers.add(ViewTriage.EPOCH_HEADER, "0".getBytes(StandardCharsets.UTF_8));
        }
        return new ConsumerRecord<>(
                topic,
                partition,
                offset,
                0L,
                TimestampType.CREATE_TIME,
                0,
                0,
                ("k" + offset).getBytes(StandardCharsets.UTF_8),
                value,
                headers,
                Optional.empty());
    }
}
