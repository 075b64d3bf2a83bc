package dev.simclr.launcher.cli;

import dev.simclr.augment.resize.ResizeMode;
import dev.simclr.contracts.Durations;
import dev.simclr.launcher.Console;
import dev.simclr.launcher.UserException;
import dev.simclr.launcher.images.Holdout;
import dev.simclr.launcher.stack.Infrastructure;
import dev.simclr.launcher.stack.RunConfig;
import dev.simclr.launcher.stack.ServiceApps;
import dev.simclr.launcher.stack.StackLayout;
import dev.simclr.launcher.supervise.SupervisionPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code simclr up}: the stack and the services, waiting for images, until Ctrl-C. */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = {
            "Start Kafka + S3 + the three services for a run and keep them up until Ctrl-C.",
            "Then, in another terminal: simclr import ./my-images, simclr watch, simclr status."
        })
public final class UpCommand implements Callable<Integer> {

    @Mixin
    DataDirOption dataDir;

    @Mixin
    SupervisionOptions supervision;

    /** The encoders the trainer builds (ModelConfig's architectures). */
    static final List<String> ARCHS = List.of("resnet18", "resnet34", "resnet50");
    /** The stems, and auto. */
    static final List<String> STEMS = List.of("auto", "small", "imagenet");

    @Option(
            names = "--run-id",
            paramLabel = "ID",
            defaultValue = "run",
            description = "run id (default: ${DEFAULT-VALUE})")
    String runId;

    @Option(names = "--fresh", description = "forget the previous run in the data directory (keeps cache/)")
    boolean fresh;

    @Option(
            names = "--size",
            paramLabel = "PX",
            defaultValue = "28",
            description = "view side = model input (default: ${DEFAULT-VALUE})")
    int size;

    @Option(
            names = "--channels",
            paramLabel = "N",
            defaultValue = "1",
            description = "1 (grey) or 3 (RGB) (default: ${DEFAULT-VALUE})")
    int channels;

    @Option(
            names = "--fit",
            paramLabel = "MODE",
            defaultValue = ResizeMode.DEFAULT_ID,
            description = "how images are fitted to the square input, for training views, evaluation and embedding:"
                    + " pad (black border, letterbox), resize (stretch) or center-crop (default: ${DEFAULT-VALUE})")
    String fit;

    @Option(
            names = "--mean",
            paramLabel = "M[,M,M]",
            split = ",",
            description = "input normalisation mean per channel, pixels in [0, 1] (default: Fashion-MNIST's 0.2860 for"
                    + " 1 channel, ImageNet's for 3)")
    List<Double> mean;

    @Option(names = "--std", paramLabel = "S[,S,S]", split = ",", description = "input normalisation std per channel")
    List<Double> std;

    @Option(
            names = "--arch",
            paramLabel = "NAME",
            defaultValue = "resnet18",
            description = "encoder: resnet18, resnet34 or resnet50 (default: ${DEFAULT-VALUE})")
    String arch;

    @Option(
            names = "--stem",
            paramLabel = "STEM",
            defaultValue = "auto",
            description =
                    "encoder stem: small (3x3, no pooling; small images), imagenet (7x7 stride 2 + max pool) or auto:"
                            + " small up to 64 px, else imagenet (default: ${DEFAULT-VALUE})")
    String stem;

    @Option(
            names = "--width",
            paramLabel = "X",
            defaultValue = "0.25",
            description = "encoder width multiplier (default: ${DEFAULT-VALUE})")
    double width;

    @Option(
            names = "--batch",
            paramLabel = "PAIRS",
            defaultValue = "128",
            description = "view pairs per step (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(
            names = "--steps",
            paramLabel = "N",
            defaultValue = "5000",
            description = "schedule length in steps (default: ${DEFAULT-VALUE})")
    long steps;

    @Option(
            names = "--time-budget",
            paramLabel = "DURATION",
            description = "let the trainer size the schedule to end within this time, e.g. 30m or 2h")
    String timeBudget;

    @Option(
            names = "--checkpoint-every",
            paramLabel = "N",
            defaultValue = "250",
            description = "steps between checkpoints (default: ${DEFAULT-VALUE})")
    long checkpointEvery;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            defaultValue = "100",
            description = "passes of the augmenter over simclr.images (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(
            names = "--trainer-threads",
            paramLabel = "N",
            defaultValue = "1",
            description =
                    "intra-op threads of the trainer and the evaluator (0 = all cores; default ${DEFAULT-VALUE}, the"
                            + " fastest on 2 cores next to the augmenter)")
    int threads;

    @Option(
            names = "--eval-set",
            paramLabel = "DIR|S3-URI",
            description = "labelled evaluation set: a Fashion-MNIST IDX directory or an s3:// JSON-lines manifest"
                    + " (default: the system or bundled Fashion-MNIST); the held-out images of `simclr import DIR` replace"
                    + " it once imported, if labelled")
    String evalSet;

    @Override
    public Integer call() throws Exception {
        ServiceApps apps = ServiceApps.locate().requirePackaged();
        String eval = evalSet != null
                ? evalSet
                : DemoDataset.locate(null, apps.repoRoot()).dir().toString();
        if (evalSet != null && !evalSet.startsWith("s3://") && !java.nio.file.Files.isDirectory(Path.of(evalSet))) {
            throw new UserException("--eval-set: " + evalSet + " is neither a directory nor an s3:// manifest URI");
        }
        if (!ARCHS.contains(arch)) {
            throw new UserException("--arch: " + arch + " is not one of " + String.join(", ", ARCHS));
        }
        if (!STEMS.contains(stem)) {
            throw new UserException("--stem: " + stem + " is not one of " + String.join(", ", STEMS));
        }
        RunConfig run;
        try {
            RunConfig.Builder b = RunConfig.builder()
                    .setRunId(runId)
                    .setEvalSet(eval)
                    .optInputSize(size)
                    .optChannels(channels)
                    .optArch(arch)
                    .optWidth(width)
                    .optBatchSize(batch)
                    .optTotalSteps(steps)
                    .optCheckpointEvery(checkpointEvery)
                    .optAugmenterEpochs(epochs)
                    .optStem(stem(stem, size))
                    .optTrainerThreads(threads)
                    .optEvaluatorThreads(threads)
                    .optFit(fit)
                    .optHoldoutSet(Holdout.manifestUri(Infrastructure.DATA_BUCKET, runId));
            if (mean != null || std != null) {
                b.optNormalization(mean == null ? List.of() : mean, std == null ? List.of() : std);
            }
            if (timeBudget != null) {
                b.optTimeBudget(parseDuration(timeBudget));
            }
            run = b.build();
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        SupervisionPolicy policy = supervision.policy();
        StackLayout layout = dataDir.layout();
        Console console = StackRun.prepare(layout, fresh);
        console.line(String.format(
                Locale.ROOT,
                "simclr up, run '%s': %s x%s, %s stem, %dpx x%d fitted by %s, normalised with"
                        + " mean %s std %s, %d pairs/step, %s",
                run.runId(),
                archName(run.arch()),
                run.width(),
                run.stem(),
                run.inputSize(),
                run.channels(),
                run.fit(),
                run.mean(),
                run.std(),
                run.batchSize(),
                run.timeBudget() != null
                        ? "time budget " + Durations.compact(run.timeBudget())
                        : run.totalSteps() + " steps"));
        console.line(String.format(
                Locale.ROOT,
                "evaluation: %s (at most %d train / %d test images), or the labelled"
                        + " held-out images of `simclr import DIR` once %s exists; label-free measures on every checkpoint",
                run.evalSet(),
                run.evalMaxTrain(),
                run.evalMaxTest(),
                run.holdoutSet()));
        StackRun.run(console, layout, run, apps, policy, (stack, stop) -> {
            if (!stack.awaitReady(stop::requested)) {
                return;
            }
            console.line("ready: push images with `simclr import DIR|MANIFEST` or `simclr push URI...`; results with"
                    + " `simclr watch`; dashboard " + stack.info().dashboardUrl() + "; Ctrl-C to stop");
            try (RunMonitor monitor = new RunMonitor(stack, console, Duration.ofMinutes(1))) {
                while (!stop.requested()) {
                    monitor.poll();
                    stack.supervisor().throwIfFailed();
                }
            }
        });
        return 0;
    }

    /** {@code 90s}, {@code 30m}, {@code 2h} or an ISO-8601 duration, for {@code --time-budget}. */
    static Duration parseDuration(String text) {
        return parseDuration("--time-budget", text);
    }

    /** {@code 90s}, {@code 30m}, {@code 2h} or an ISO-8601 duration; an error names {@code option}. */
    static Duration parseDuration(String option, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.matches("\\d+[smh]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                return switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            }
            return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + text + "' is not a duration (e.g. 90s, 30m, 2h)");
        }
    }

    /** The stem for {@code --stem}: auto picks the small stem up to 64 px, ImageNet's above. */
    static String stem(String option, int size) {
        return option.equals("auto") ? (size <= 64 ? "small" : "imagenet") : option;
    }

    /** {@code resnet50} as {@code ResNet-50}. */
    static String archName(String arch) {
        return arch.startsWith("resnet") ? "ResNet-" + arch.substring("resnet".length()) : arch;
    }
}
