package dev.simclr.launcher.images;

import dev.simclr.contracts.ImageRef;
import dev.simclr.contracts.Topics;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.S3Uri;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Uploads images to S3 in parallel and pushes one {@link ImageRef} JSON record per image on {@code simclr.images} (key
 * = image id): as each upload completes, or — {@link #pushingAfterUpload()} — only once every upload has succeeded, so
 * that training does not start while the import still takes the CPU. The first failure stops the import (already pushed
 * images stay pushed) and is reported with its reason.
 */
public final class Importer {

    private final ObjectStore store;
    private final Producer<String, String> producer;
    private final String bucket;
    private final int parallelism;
    private final String topic;
    private final boolean pushAfterUpload;
    private final BooleanSupplier stopWhen;

    /**
     * Creates an importer.
     *
     * @param store S3 client
     * @param producer Kafka producer (not closed here)
     * @param bucket bucket uploads go to (created if missing)
     * @param parallelism concurrent uploads
     */
    public Importer(ObjectStore store, Producer<String, String> producer, String bucket, int parallelism) {
        this(store, producer, bucket, parallelism, Topics.IMAGES, false, () -> false);
    }

    Importer(
            ObjectStore store,
            Producer<String, String> producer,
            String bucket,
            int parallelism,
            String topic,
            boolean pushAfterUpload,
            BooleanSupplier stopWhen) {
        if (parallelism < 1 || parallelism > 256) {
            throw new IllegalArgumentException("--parallel must be in [1, 256], got " + parallelism);
        }
        this.store = store;
        this.producer = producer;
        this.bucket = bucket;
        this.parallelism = parallelism;
        this.topic = topic;
        this.pushAfterUpload = pushAfterUpload;
        this.stopWhen = stopWhen;
    }

    /**
     * This importer, but pushing the records only after every upload succeeded (in item order); the progress bar then
     * counts uploads.
     */
    public Importer pushingAfterUpload() {
        return new Importer(store, producer, bucket, parallelism, topic, true, stopWhen);
    }

    /**
     * This importer, but ending early (an {@link ImportException} "stopped on request") once {@code stop} says so:
     * uploads in flight finish, no further image is started, and (with {@link #pushingAfterUpload()}) nothing is
     * pushed.
     */
    public Importer stoppingWhen(BooleanSupplier stop) {
        return new Importer(store, producer, bucket, parallelism, topic, pushAfterUpload, stop);
    }

    /**
     * What an import did.
     *
     * @param pushed records pushed
     * @param uploaded objects uploaded
     * @param bytes bytes uploaded
     * @param skipped images skipped because their id was already on the topic
     * @param elapsed wall time
     */
    public record Report(long pushed, long uploaded, long bytes, long skipped, Duration elapsed) {}

    /**
     * Imports {@code items}, skipping ids in {@code skipIds}.
     *
     * @param progress receives one tick per image (may be null)
     * @throws ImportException with the first failure's reason
     */
    public Report run(List<ImportItem> items, Set<String> skipIds, Supplier<ProgressBar> progress) {
        long t0 = System.nanoTime();
        store.ensureBucket(bucket);
        List<ImportItem> todo = items.stream()
                .filter(i -> i.id() == null || !skipIds.contains(i.id()))
                .toList();
        long skipped = items.size() - todo.size();
        AtomicLong uploaded = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong pushed = new AtomicLong();
        AtomicReference<String> failure = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "import");
            t.setDaemon(true);
            return t;
        });
        ProgressBar bar = progress == null ? null : progress.get();
        ImageRef[] refs = new ImageRef[todo.size()];
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < todo.size(); i++) {
                ImportItem item = todo.get(i);
                int index = i;
                futures.add(pool.submit(() -> {
                    if (failure.get() != null) {
                        return;
                    }
                    if (stopWhen.getAsBoolean()) {
                        failure.compareAndSet(null, "stopped on request");
                        return;
                    }
                    try {
                        if (item.needsUpload()) {
                            byte[] data = item.data().load();
                            store.put(new S3Uri(bucket, item.key()), data, item.contentType());
                            uploaded.incrementAndGet();
                            bytes.addAndGet(data.length);
                        }
                        ImageRef ref = item.ref(item.finalUri(bucket));
                        if (pushAfterUpload) {
                            refs[index] = ref;
                            if (bar != null) {
                                bar.advance();
                            }
                        } else {
                            push(ref, pushed, failure, bar);
                        }
                    } catch (Exception e) {
                        failure.compareAndSet(null, describe(item) + ": " + e.getMessage());
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            if (pushAfterUpload && failure.get() == null) {
                for (ImageRef ref : refs) {
                    push(ref, pushed, failure, null);
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, "interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            failure.compareAndSet(null, e.getCause().toString());
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (bar != null) {
                bar.close();
            }
        }
        if (failure.get() != null) {
            throw new ImportException(
                    "import stopped after " + pushed.get() + " of " + todo.size() + " images: " + failure.get());
        }
        return new Report(pushed.get(), uploaded.get(), bytes.get(), skipped, Duration.ofNanos(System.nanoTime() - t0));
    }

    private void push(ImageRef ref, AtomicLong pushed, AtomicReference<String> failure, ProgressBar bar) {
        producer.send(new ProducerRecord<>(topic, ref.effectiveId(), ref.toJson()), (md, e) -> {
            if (e != null) {
                failure.compareAndSet(null, "pushing " + ref.effectiveId() + " failed: " + e.getMessage());
            } else {
                pushed.incrementAndGet();
                if (bar != null) {
                    bar.advance();
                }
            }
        });
    }

    private String describe(ImportItem item) {
        return item.needsUpload() ? "uploading " + new S3Uri(bucket, item.key()) : "pushing " + item.uri();
    }

    /** An import that stopped; the message says where and why. */
    public static final class ImportException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ImportException(String message) {
            super(message);
        }
    }
}
