package dev.simclr.launcher.cli;

import dev.simclr.contracts.Durations;
import dev.simclr.contracts.Topics;
import dev.simclr.kafka.KafkaSettings;
import dev.simclr.launcher.Console;
import dev.simclr.launcher.UserException;
import dev.simclr.launcher.images.DirectorySource;
import dev.simclr.launcher.images.Holdout;
import dev.simclr.launcher.images.IdxSource;
import dev.simclr.launcher.images.ImportItem;
import dev.simclr.launcher.images.ImportOptions;
import dev.simclr.launcher.images.ImportSources;
import dev.simclr.launcher.images.Importer;
import dev.simclr.launcher.images.ProgressBar;
import dev.simclr.launcher.kafka.KafkaClients;
import dev.simclr.launcher.stack.Infrastructure;
import dev.simclr.launcher.stack.StackInfo;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.S3Uri;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code simclr import}: uploads images to S3 and pushes one ImageRef per image on simclr.images. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Upload images to S3 (in parallel) and push one ImageRef JSON record per image on simclr.images.",
            "SOURCE is a directory of image files (png, jpg, gif, bmp, webp), a JSON-lines manifest",
            "({\"uri\"|\"path\", \"label\"?, \"split\"?, \"id\"?} per line) or a directory of IDX files",
            "(e.g. Fashion-MNIST's *-images-idx3-ubyte.gz, converted to PNG; only the train split unless --split says",
            "otherwise: the augmenter skips refs of split test, the evaluation's images).",
            "A directory with one subdirectory per class (torchvision's ImageFolder layout) is labelled. Of a directory,",
            "a seeded share (--holdout) is held out: pushed with the split 'test', which the augmenter does not train on,",
            "and written as the run's held-out manifest, which the evaluator of `simclr up` uses: labelled, as the",
            "evaluation set; unlabelled, for the label-free measures (alignment, uniformity)."
        })
public final class ImportCommand implements Callable<Integer> {

    @Mixin
    DataDirOption dataDir;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "directory, manifest (.jsonl) or IDX directory")
    Path source;

    @Option(
            names = "--bucket",
            paramLabel = "NAME",
            defaultValue = Infrastructure.DATA_BUCKET,
            description = "bucket to upload to (default: ${DEFAULT-VALUE})")
    String bucket;

    @Option(names = "--prefix", paramLabel = "KEY", description = "key prefix (default: the dataset name)")
    String prefix;

    @Option(
            names = "--split",
            paramLabel = "NAME",
            description = "IDX: the split to import (default: " + IdxSource.DEFAULT_SPLIT
                    + "; e.g. test); otherwise: the split" + " recorded in every ImageRef")
    String split;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "import at most N images (0 = all)")
    int limit;

    @Option(
            names = "--dataset",
            paramLabel = "NAME",
            description = "dataset name in every ImageRef (default: the source's name)")
    String dataset;

    @Option(
            names = "--parallel",
            paramLabel = "N",
            defaultValue = "8",
            description = "concurrent uploads (default: ${DEFAULT-VALUE})")
    int parallel;

    @Option(
            names = "--holdout",
            paramLabel = "FRACTION",
            defaultValue = "0.1",
            description = "directory: share of the images held out for evaluation, never trained on (0 = none;"
                    + " default: ${DEFAULT-VALUE})")
    double holdout;

    @Option(
            names = "--holdout-seed",
            paramLabel = "N",
            defaultValue = "0",
            description = "seed of the held-out choice (an image's id and this seed decide; default: ${DEFAULT-VALUE})")
    long holdoutSeed;

    @Option(
            names = "--run-id",
            paramLabel = "ID",
            description = "run whose held-out manifest is written (default: the local stack's run)")
    String runId;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            description =
                    "Kafka to push to (default: KAFKA_BOOTSTRAP_SERVERS, else the local stack), with the other KAFKA_*"
                            + " variables and S3 from SIMCLR_S3_ENDPOINT/_ACCESS_KEY/_SECRET_KEY")
    String bootstrapServers;

    @Override
    public Integer call() {
        if (parallel < 1 || parallel > 256) {
            throw new UserException("--parallel must be in [1, 256], got " + parallel);
        }
        List<ImportItem> items = items();
        ImportSources.Kind kind = ImportSources.kind(source);
        Endpoints ep = Endpoints.resolve(dataDir.layout(), bootstrapServers, true);
        boolean holdingOut = kind == ImportSources.Kind.DIRECTORY && holdout > 0;
        String run = runId != null ? runId : ep.stack().map(StackInfo::runId).orElse(null);
        if (holdingOut && run == null) {
            throw new UserException(
                    "--run-id is required with --bootstrap-servers when images are held out (or --holdout 0)");
        }
        Holdout.Plan plan;
        try {
            plan = Holdout.plan(items, holdingOut ? holdout : 0, holdoutSeed, run == null ? "none" : run);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        String manifest = plan.heldOut().isEmpty()
                ? null
                : Holdout.manifestUri(ep.stack().map(i -> i.s3().dataBucket()).orElse(bucket), run);
        Console console = Console.plain();
        List<String> classes =
                kind == ImportSources.Kind.DIRECTORY ? DirectorySource.classNames(source, limit) : List.of();
        console.line("importing " + Console.count(items.size()) + " images from " + source + " ("
                + kind.name().toLowerCase(Locale.ROOT)
                + (classes.isEmpty()
                        ? ""
                        : ", labelled: " + classes.size()
                                + " classes " + String.join(", ", classes.subList(0, Math.min(8, classes.size())))
                                + (classes.size() > 8 ? ", …" : ""))
                + ") to s3://" + bucket + "/ and " + Topics.IMAGES + " at "
                + ep.bootstrapServers());
        Importer.Report r = run(ep, plan.items(), console, parallel, bucket);
        console.line(summary(r, bucket));
        if (manifest != null) {
            S3Uri target = S3Uri.parse(manifest);
            try (ObjectStore store = ObjectStore.connect(ep.s3())) {
                store.ensureBucket(target.bucket());
                store.put(
                        target, Holdout.manifest(plan.heldOut(), bucket, classes, holdoutSeed), "application/x-ndjson");
            }
            console.line(String.format(
                    Locale.ROOT,
                    "held out %s of %s images (%.0f %%, seed %d; split '%s', never trained" + " on): %s, written to %s",
                    Console.count(plan.heldOut().size()),
                    Console.count(items.size()),
                    100 * holdout,
                    holdoutSeed,
                    Holdout.SPLIT,
                    classes.isEmpty()
                            ? "unlabelled, the sample of the label-free measures (alignment, uniformity)"
                            : "labelled, the run's evaluation set",
                    manifest));
        }
        return 0;
    }

    /** The images the options select from SOURCE (what {@link #call()} uploads and pushes). */
    List<ImportItem> items() {
        ImportOptions options;
        try {
            options = new ImportOptions(bucket, prefix, split, limit, dataset);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        return ImportSources.items(source, options);
    }

    /** Runs an import with a progress bar; shared with the demo. */
    static Importer.Report run(Endpoints ep, List<ImportItem> items, Console console, int parallel, String bucket) {
        return run(ep.kafka(), ep.s3(), items, Set.of(), console, parallel, bucket, false, () -> false);
    }

    /**
     * Runs an import with a progress bar.
     *
     * @param pushAfterUpload push the records only once every upload succeeded (the demo: training then starts on a
     *     machine no longer busy with the import)
     * @param stopWhen ends the import early when it says so (the demo's stop request)
     */
    static Importer.Report run(
            KafkaSettings kafka,
            dev.simclr.objectstore.ObjectStoreConfig s3,
            List<ImportItem> items,
            Set<String> skip,
            Console console,
            int parallel,
            String bucket,
            boolean pushAfterUpload,
            java.util.function.BooleanSupplier stopWhen) {
        try (ObjectStore store = ObjectStore.connect(s3);
                KafkaProducer<String, String> producer = KafkaClients.producer(kafka)) {
            Importer importer = new Importer(store, producer, bucket, parallel).stoppingWhen(stopWhen);
            if (pushAfterUpload) {
                importer = importer.pushingAfterUpload();
            }
            long todo = items.stream()
                    .filter(i -> i.id() == null || !skip.contains(i.id()))
                    .count();
            return importer.run(items, skip, () -> new ProgressBar(console, "import", todo, System.console() != null));
        } catch (Importer.ImportException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static String summary(Importer.Report r, String bucket) {
        double secs = Math.max(1e-3, r.elapsed().toNanos() / 1e9);
        return String.format(
                Locale.ROOT,
                "imported %s images in %s (%,.0f images/s): %s objects (%,.1f MB) uploaded to s3://%s/, "
                        + "%s ImageRef records pushed to %s%s",
                Console.count(r.pushed()),
                Durations.compact(r.elapsed()),
                r.pushed() / secs,
                Console.count(r.uploaded()),
                r.bytes() / 1e6,
                bucket,
                Console.count(r.pushed()),
                Topics.IMAGES,
                r.skipped() > 0 ? " (" + Console.count(r.skipped()) + " already there, skipped)" : "");
    }
}
