package dev.simclr.launcher.cli;

import dev.simclr.contracts.Durations;
import dev.simclr.contracts.EvalResult;
import dev.simclr.contracts.MetricDescription;
import dev.simclr.contracts.Topics;
import dev.simclr.kafka.KafkaSettings;
import dev.simclr.launcher.Console;
import dev.simclr.launcher.UserException;
import dev.simclr.launcher.images.IdxSource;
import dev.simclr.launcher.images.ImportItem;
import dev.simclr.launcher.images.ImportOptions;
import dev.simclr.launcher.images.Importer;
import dev.simclr.launcher.kafka.TopicReader;
import dev.simclr.launcher.stack.Checkpoints;
import dev.simclr.launcher.stack.Infrastructure;
import dev.simclr.launcher.stack.RunConfig;
import dev.simclr.launcher.stack.ServiceApps;
import dev.simclr.launcher.stack.Stack;
import dev.simclr.launcher.stack.StackLayout;
import dev.simclr.launcher.supervise.SupervisionPolicy;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.ObjectStoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code simclr demo}: the whole pipeline on Fashion-MNIST on this machine, in about 15 minutes. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Start Kafka + S3 + the three services, import Fashion-MNIST, train a SimCLR",
            "encoder on the CPU and print every evaluation as it arrives, then a summary.",
            "Ctrl-C stops everything cleanly; running the demo again (without --fresh)",
            "resumes the same run."
        })
public final class DemoCommand implements Callable<Integer> {

    /** When this command started: results created before it come from an earlier session. */
    private final Instant sessionStart = Instant.now();

    @Mixin
    DataDirOption dataDir;

    @Mixin
    SupervisionOptions supervision;

    @Option(
            names = "--minutes",
            paramLabel = "N",
            defaultValue = "15",
            description =
                    "the demo's time: the trainer gets N minus ~3 minutes for start-up and the final evaluation (default: ${DEFAULT-VALUE})")
    int minutes;

    @Option(names = "--fresh", description = "forget the previous run in the data directory (keeps cache/)")
    boolean fresh;

    @Option(
            names = "--run-id",
            paramLabel = "ID",
            defaultValue = "demo",
            description = "run id (default: ${DEFAULT-VALUE})")
    String runId;

    @Option(
            names = "--dataset",
            paramLabel = "DIR",
            description =
                    "Fashion-MNIST IDX directory (default: /usr/share/datasets/fashion-mnist, else the bundled subset)")
    Path dataset;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "0",
            description = "train on at most N images (0 = all)")
    int limit;

    @Option(
            names = "--trainer-threads",
            paramLabel = "N",
            defaultValue = "-1",
            description = "intra-op threads of the trainer (0 = all cores; default: the recipe's 1)")
    int trainerThreads;

    @Option(
            names = "--exit",
            description = "stop the stack after the summary instead of keeping it up for the dashboard")
    boolean exitWhenDone;

    @Override
    public Integer call() throws Exception {
        if (limit < 0) {
            throw new UserException("--limit must be >= 0, got " + limit);
        }
        DemoPlan plan;
        try {
            plan = DemoPlan.of(minutes);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        ServiceApps apps = ServiceApps.locate().requirePackaged();
        DemoDataset data = DemoDataset.locate(dataset, apps.repoRoot());
        RunConfig run;
        try {
            run = plan.runConfig(runId, data.dir().toString(), trainerThreads).build();
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        SupervisionPolicy policy = supervision.policy();
        StackLayout layout = dataDir.layout();
        Console console = StackRun.prepare(layout, fresh);
        console.line(String.format(
                Locale.ROOT, "simclr demo, run '%s': SimCLR on Fashion-MNIST (%s)", run.runId(), data.description()));
        console.line(String.format(
                Locale.ROOT,
                "model ResNet-18 x%s, small stem, %dpx x%d; %d pairs/step, SGD-Nesterov lr %s,"
                        + " tau %s; trainer time budget %s (the trainer sizes its schedule), checkpoint + evaluation every %d steps",
                run.width(),
                run.inputSize(),
                run.channels(),
                run.batchSize(),
                run.lr(),
                run.temperature(),
                Durations.compact(plan.trainerBudget()),
                run.checkpointEvery()));
        StackRun.run(console, layout, run, apps, policy, (stack, stop) -> demo(stack, stop, console, data, plan));
        return 0;
    }

    private void demo(Stack stack, StopSignal stop, Console console, DemoDataset data, DemoPlan plan)
            throws IOException {
        if (!importOnce(stack, console, data, stop) || !stack.awaitReady(stop::requested)) {
            return;
        }
        console.line("training; results appear after each checkpoint is evaluated (dashboard: "
                + stack.info().dashboardUrl() + ")");
        Duration firstResult = null;
        try (RunMonitor monitor = new RunMonitor(stack, console, Duration.ofSeconds(30))) {
            while (!stop.requested()) {
                monitor.poll();
                if (firstResult == null && !monitor.results().isEmpty()) {
                    firstResult = console.elapsed();
                }
                stack.supervisor().throwIfFailed();
                if (monitor.finished()) {
                    summary(
                            stack,
                            console,
                            monitor,
                            firstResult,
                            awaitReference(stack, stop, console, monitor, sessionStart));
                    break;
                }
            }
            if (stop.requested() || exitWhenDone) {
                return;
            }
            console.line(
                    "the stack stays up for the dashboard, `simclr status`, `simclr watch` and `simclr import`: Ctrl-C to stop");
            while (!stop.requested()) {
                monitor.poll();
                stack.supervisor().throwIfFailed();
            }
        }
    }

    /**
     * Imports the training split unless an earlier demo in this data directory already did.
     *
     * @return false when a stop request ended the import (the next demo completes it)
     */
    private boolean importOnce(Stack stack, Console console, DemoDataset data, StopSignal stop) throws IOException {
        StackLayout layout = stack.layout();
        Path marker = layout.importsDir().resolve("fashion-mnist-train.json");
        if (Files.exists(marker)) {
            console.line("training images already imported (" + marker + "): resuming the run");
            return true;
        }
        ImportOptions options = new ImportOptions(Infrastructure.DATA_BUCKET, null, "train", limit, "fashion-mnist");
        List<ImportItem> items = IdxSource.items(data.dir(), options);
        String bootstrap = stack.info().kafka().bootstrapServers();
        Set<String> existing = existingIds(bootstrap);
        console.line("importing " + Console.count(items.size()) + " training images from " + data.dir() + " to s3://"
                + Infrastructure.DATA_BUCKET + "/fashion-mnist/train/ and " + Topics.IMAGES
                + (existing.isEmpty() ? "" : " (" + Console.count(existing.size()) + " already pushed)"));
        ObjectStoreConfig s3 = ObjectStoreConfig.builder()
                .setEndpoint(stack.info().s3().endpoint())
                .setAccessKey(stack.info().s3().accessKey())
                .setSecretKey(stack.info().s3().secretKey())
                .optRegion(stack.info().s3().region())
                .build();
        Importer.Report r;
        try {
            r = ImportCommand.run(
                    KafkaSettings.bootstrap(bootstrap),
                    s3,
                    items,
                    existing,
                    console,
                    DemoPlan.IMPORT_PARALLELISM,
                    Infrastructure.DATA_BUCKET,
                    true,
                    stop::requested);
        } catch (IllegalStateException e) {
            if (stop.requested()) {
                return false;
            }
            throw e;
        }
        console.line(ImportCommand.summary(r, Infrastructure.DATA_BUCKET));
        Files.writeString(
                marker,
                String.format(
                        Locale.ROOT,
                        "{\"source\":\"%s\",\"images\":%d,\"at\":\"%s\"}%n",
                        data.dir(),
                        items.size(),
                        Instant.now()));
        return true;
    }

    /** Keys already on simclr.images (an interrupted import is completed, not repeated). */
    private static Set<String> existingIds(String bootstrap) {
        Set<String> ids = new HashSet<>();
        try (TopicReader r = TopicReader.open(bootstrap, Topics.IMAGES, TopicReader.Start.BEGINNING)) {
            r.drain(
                    rec -> {
                        if (rec.key() != null) {
                            ids.add(rec.key());
                        }
                    },
                    Duration.ofMinutes(2));
        }
        return ids;
    }

    /**
     * The run's reference lines (raw pixels, random init), which the evaluator computes after its first result: waits
     * for them up to {@link DemoPlan#REFERENCE_WAIT} (a short demo ends sooner), unless every result is older than this
     * session (a finished run resumed: nothing is computing them).
     */
    private static Optional<Checkpoints.Reference> awaitReference(
            Stack stack, StopSignal stop, Console console, RunMonitor monitor, Instant started) {
        String run = stack.run().runId();
        try (ObjectStore store = ObjectStore.connect(ObjectStoreConfig.builder()
                .setEndpoint(stack.info().s3().endpoint())
                .setAccessKey(stack.info().s3().accessKey())
                .setSecretKey(stack.info().s3().secretKey())
                .optRegion(stack.info().s3().region())
                .build())) {
            Checkpoints checkpoints = new Checkpoints(store, stack.info().s3().checkpointBucket());
            Optional<Checkpoints.Reference> ref = checkpoints.reference(run);
            if (ref.isPresent()
                    || monitor.results().values().stream()
                            .noneMatch(e -> e.createdAt().isAfter(started))) {
                return ref;
            }
            console.line("waiting up to " + Durations.compact(DemoPlan.REFERENCE_WAIT)
                    + " for the evaluator's reference lines" + " (raw pixels, random init)");
            long deadline = System.nanoTime() + DemoPlan.REFERENCE_WAIT.toNanos();
            while (ref.isEmpty() && !stop.requested() && System.nanoTime() < deadline) {
                for (int i = 0; i < 10 && !stop.requested(); i++) {
                    monitor.poll();
                    stack.supervisor().throwIfFailed();
                }
                ref = checkpoints.reference(run);
            }
            return ref;
        }
    }

    private static void summary(
            Stack stack,
            Console console,
            RunMonitor monitor,
            Duration firstResult,
            Optional<Checkpoints.Reference> ref) {
        EvalResult last = monitor.last().orElseThrow();
        console.line("== demo finished in " + Durations.compact(console.elapsed())
                + (firstResult == null ? "" : " (first result after " + Durations.compact(firstResult) + ")") + ", "
                + monitor.results().size()
                + " checkpoints evaluated ==");
        boolean first = true;
        for (String name : last.metrics().keySet()) {
            MetricDescription d = monitor.metrics().describe(name);
            if (!monitor.metrics().knows(name) || !d.inSummary() || !d.needsLabels()) {
                continue; // ranking needs the metric's direction
            }
            EvalResult best = monitor.best(d).orElseThrow();
            boolean noteMissing = first;
            String refs = ref.map(r -> r.raw().containsKey(name)
                            ? "   raw pixels " + d.format(r.raw().get(name))
                                    + (r.random().containsKey(name)
                                            ? ", random init "
                                                    + d.format(r.random().get(name))
                                            : "")
                            : "")
                    .orElse(noteMissing ? "   (the evaluator has not written the reference lines yet)" : "");
            console.line(String.format(
                    Locale.ROOT,
                    "%-13s best %s (step %d)%s",
                    d.label(),
                    d.format(best.metric(name).getAsDouble()),
                    best.step(),
                    refs));
            first = false;
        }
        console.line("eval set      " + last.evalSet() + " (fit " + Console.count(last.trainCount()) + ", score "
                + Console.count(last.testCount()) + ")");
        console.line("checkpoint    " + last.checkpointUri());
        console.line("encoder.onnx  " + last.onnxUri()
                + String.format(Locale.ROOT, " (max |diff| vs DJL %.1e)", last.onnxMaxAbsDiff()));
        console.line("dashboard     " + stack.info().dashboardUrl());
    }
}
