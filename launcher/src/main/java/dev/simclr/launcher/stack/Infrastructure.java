package dev.simclr.launcher.stack;

import dev.simclr.contracts.TopicSpec;
import dev.simclr.contracts.TopicTable;
import dev.simclr.localstack.EmbeddedKafka;
import dev.simclr.localstack.EmbeddedS3;
import java.net.URI;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka (in this JVM) and S3 (s3proxy, a guarded child JVM) in the data directory, with the pipeline's topics and
 * buckets. Storage survives restarts, so a stopped stack resumes where it was; the ports and S3 credentials are new on
 * every start (stack.json records them) and kept when the S3 server alone is restarted ({@link #restartS3()}).
 */
public final class Infrastructure implements AutoCloseable {

    /** Bucket of imported images (kept apart from checkpoints: the evaluator lists its whole bucket). */
    public static final String DATA_BUCKET = "simclr-data";
    /** Bucket of checkpoints and evaluation artefacts. */
    public static final String CHECKPOINT_BUCKET = "simclr";

    private static final Logger LOG = LoggerFactory.getLogger(Infrastructure.class);

    private final EmbeddedKafka kafka;
    private volatile EmbeddedS3 s3;

    private Infrastructure(EmbeddedKafka kafka, EmbeddedS3 s3) {
        this.kafka = kafka;
        this.s3 = s3;
    }

    /** Starts both servers, creates the topics and buckets; on failure stops what was started. */
    public static Infrastructure start(StackLayout layout) {
        EmbeddedKafka kafka = null;
        EmbeddedS3 s3 = null;
        try {
            kafka = EmbeddedKafka.start(layout.kafkaDir(), Map.of("log.retention.check.interval.ms", "60000"));
            s3 = EmbeddedS3.start(layout.s3Dir());
            createTopics(kafka);
            s3.createBucket(DATA_BUCKET);
            s3.createBucket(CHECKPOINT_BUCKET);
            return new Infrastructure(kafka, s3);
        } catch (RuntimeException e) {
            closeQuietly(s3);
            closeQuietly(kafka);
            throw e;
        }
    }

    /**
     * Creates every topic of the {@link TopicTable} with its single-host partitions and configs; a topic that exists (a
     * resumed stack) gets the table's configs.
     */
    public static void createTopics(EmbeddedKafka kafka) {
        for (TopicSpec t : TopicTable.all()) {
            kafka.createTopic(t.name(), t.partitions(TopicSpec.Scale.SINGLE_HOST), t.configs());
        }
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public EmbeddedS3 s3() {
        return s3;
    }

    /**
     * Stops what is left of the S3 server and starts a new one on the same data directory, port and credentials, so
     * that the services' configuration stays valid.
     *
     * @throws RuntimeException when the new server does not start
     */
    public synchronized void restartS3() {
        EmbeddedS3 old = s3;
        closeQuietly(old);
        s3 = EmbeddedS3.builder()
                .optDataDir(old.dataDir())
                .optPort(URI.create(old.endpoint()).getPort())
                .optAccessKey(old.accessKey())
                .optSecretKey(old.secretKey())
                .optRegion(old.region())
                .start();
    }

    /** The S3 part of stack.json. */
    public StackInfo.S3Info s3Info() {
        return new StackInfo.S3Info(
                s3.endpoint(), s3.accessKey(), s3.secretKey(), s3.region(), DATA_BUCKET, CHECKPOINT_BUCKET);
    }

    /** Stops Kafka, then S3. */
    @Override
    public void close() {
        closeQuietly(kafka);
        closeQuietly(s3);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("stopping {} failed: {}", c, e.getMessage());
        }
    }
}
