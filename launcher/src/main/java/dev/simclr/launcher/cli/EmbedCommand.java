package dev.simclr.launcher.cli;

import dev.simclr.augment.decode.ImageDecoder;
import dev.simclr.augment.resize.ResizeMode;
import dev.simclr.contracts.Durations;
import dev.simclr.launcher.Console;
import dev.simclr.launcher.Logging;
import dev.simclr.launcher.UserException;
import dev.simclr.launcher.images.EmbedInputs;
import dev.simclr.launcher.images.ProgressBar;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.ObjectStoreConfig;
import dev.simclr.objectstore.S3Uri;
import dev.simclr.onnx.ImagePreprocessor;
import dev.simclr.onnx.OnnxDevice;
import dev.simclr.onnx.OnnxEncoder;
import dev.simclr.onnx.batch.BatchEmbedder;
import dev.simclr.onnx.batch.EmbedInput;
import dev.simclr.onnx.batch.RowFormat;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code simclr embed}: feature vectors of images from an exported {@code encoder.onnx} on ONNX Runtime, streamed to
 * stdout or a file one batch at a time, with progress and one error line per unusable image on stderr.
 */
@Command(
        name = "embed",
        mixinStandardHelpOptions = true,
        description = {
            "Embed images with an exported encoder.onnx (ONNX Runtime, no DJL): one output row per image,",
            "written and flushed batch by batch (an interrupted run keeps every finished batch); unusable images get",
            "one 'error:' line on stderr and exit code 1.",
            "INPUT: an image file, a directory (every image file below it), a JSON-lines manifest (.jsonl:",
            "{\"path\"|\"uri\"} per line), an s3:// URI, or - (one path or URI per line on stdin)."
        })
public final class EmbedCommand implements Callable<Integer> {

    @Mixin
    DataDirOption dataDir;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "FILE|s3://…",
            description = "the encoder.onnx of an evaluated checkpoint (a file or an s3:// URI)")
    String model;

    @Parameters(paramLabel = "INPUT", arity = "1..*", description = "images, directories, manifests, s3:// URIs or -")
    List<String> inputs;

    @Option(names = "--out", paramLabel = "FILE", description = "write the rows to FILE instead of stdout")
    Path out;

    @Option(
            names = "--format",
            paramLabel = "jsonl|csv",
            defaultValue = "jsonl",
            description =
                    "row format: jsonl ({\"image\", \"features\"}) or csv (header image,f0,…) (default: ${DEFAULT-VALUE})")
    String format;

    @Option(
            names = "--resize",
            paramLabel = "pad|resize|center-crop",
            description =
                    "how images are fitted to the model input (default: the model's canvas, recorded in it; another"
                            + " one gives features unlike the ones the encoder was trained and evaluated on)")
    String resize;

    @Option(
            names = "--batch",
            paramLabel = "N",
            defaultValue = "64",
            description = "images per ONNX Runtime call and per flushed batch (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "0",
            description = "ONNX Runtime intra-op threads (default: ${DEFAULT-VALUE} = one per core)")
    int threads;

    @Option(
            names = "--decode-threads",
            paramLabel = "N",
            defaultValue = "0",
            description = "threads reading and decoding images (default: ${DEFAULT-VALUE} = one per core)")
    int decodeThreads;

    @Option(
            names = "--onnx-device",
            paramLabel = "auto|cpu|cuda[:N]",
            defaultValue = "auto",
            description =
                    "where ONNX Runtime runs: auto takes CUDA when this build offers it (default: ${DEFAULT-VALUE})")
    String device;

    @Override
    public Integer call() throws IOException {
        Settings s = settings();
        Logging.toStderr();
        RemoteStore remote = new RemoteStore(dataDir);
        try (remote) {
            List<EmbedInput> images;
            try {
                images = EmbedInputs.resolve(inputs, System.in, remote::read);
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage());
            }
            try (OnnxEncoder encoder = load(s, remote)) {
                return embed(encoder, images, s);
            }
        }
    }

    /** The checked options. */
    private record Settings(RowFormat format, ResizeMode resize, OnnxDevice device, int decodeThreads) {}

    private Settings settings() {
        try {
            if (batch < 1 || batch > 65_536) {
                throw new IllegalArgumentException("--batch must be in 1..65536, got " + batch);
            }
            if (threads < 0 || threads > 1024) {
                throw new IllegalArgumentException("--threads must be in 0..1024, got " + threads);
            }
            if (decodeThreads < 0 || decodeThreads > 1024) {
                throw new IllegalArgumentException("--decode-threads must be in 0..1024, got " + decodeThreads);
            }
            int decoders = decodeThreads == 0 ? Runtime.getRuntime().availableProcessors() : decodeThreads;
            return new Settings(
                    RowFormat.parse(format),
                    resize == null ? null : ResizeMode.parse(resize),
                    OnnxDevice.parse(device),
                    decoders);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }

    private OnnxEncoder load(Settings s, RemoteStore remote) throws IOException {
        OnnxEncoder.Builder b = OnnxEncoder.builder()
                .optBatchSize(batch)
                .optIntraOpThreads(threads)
                .optDevice(s.device());
        if (s.resize() != null) {
            b.optResizeMode(s.resize());
        }
        if (model.regionMatches(true, 0, "s3://", 0, 5)) {
            try {
                b.setModel(remote.read(model, Integer.MAX_VALUE - 16));
            } catch (RuntimeException e) {
                throw new UserException("--model " + model + ": " + e.getMessage());
            }
        } else {
            Path file = Path.of(model);
            if (!Files.isRegularFile(file)) {
                throw new UserException("--model " + model + ": no such file");
            }
            b.setModel(file);
        }
        try {
            return b.build();
        } catch (RuntimeException e) {
            throw new UserException("--model " + model + ": " + e.getMessage());
        }
    }

    private int embed(OnnxEncoder encoder, List<EmbedInput> images, Settings s) throws IOException {
        PrintStream err = System.err;
        Console console = Console.stderr();
        AtomicLong written = new AtomicLong();
        String where = out == null ? "stdout" : out.toString();
        Thread hook = new Thread(() -> err.printf(
                Locale.ROOT, "%nembed interrupted: %s rows written to %s%n", Console.count(written.get()), where));
        Runtime.getRuntime().addShutdownHook(hook);
        BatchEmbedder.Report r;
        try (Writer w = writer();
                BatchEmbedder embedder = new BatchEmbedder(encoder, ImageDecoder.withDefaults(), s.decodeThreads());
                ProgressBar bar = new ProgressBar(console, "embed", images.size(), System.console() != null)) {
            r = embedder.run(images, s.format(), w, new BatchEmbedder.Listener() {
                @Override
                public void failed(EmbedInput input, String reason) {
                    console.line("error: " + input.name() + ": " + reason);
                }

                @Override
                public void batchDone(long embedded, long failed) {
                    written.set(embedded);
                    bar.set(embedded + failed);
                }
            });
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook reports
            }
        }
        ImagePreprocessor p = encoder.preprocessor();
        console.line(String.format(
                Locale.ROOT,
                "embedded %s of %s images with %s (%d-d, input %dx%dx%d, %s, %s) in %s " + "(%,.0f images/s) to %s",
                Console.count(r.embedded()),
                Console.count(images.size()),
                model,
                encoder.featureDim(),
                p.height(),
                p.width(),
                p.channels(),
                p.mode().id(),
                encoder.device(),
                Durations.compact(r.elapsed()),
                r.imagesPerSecond(),
                where));
        return r.failed() == 0 ? 0 : 1;
    }

    private Writer writer() throws IOException {
        if (out == null) {
            return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return Files.newBufferedWriter(out, StandardCharsets.UTF_8);
    }

    /** The object store, connected on first use: SIMCLR_S3_* when set, else the running local stack. */
    private static final class RemoteStore implements AutoCloseable {
        private final DataDirOption dataDir;
        private ObjectStore store;

        RemoteStore(DataDirOption dataDir) {
            this.dataDir = dataDir;
        }

        byte[] read(String uri, long maxBytes) {
            S3Uri u;
            try {
                u = S3Uri.parse(uri);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad S3 URI '" + uri + "': " + e.getMessage(), e);
            }
            return connect().get(u, maxBytes);
        }

        private synchronized ObjectStore connect() {
            if (store == null) {
                ObjectStoreConfig config;
                if (System.getenv(ObjectStoreConfig.ENV_ENDPOINT) != null) {
                    try {
                        config = ObjectStoreConfig.fromEnv();
                    } catch (IllegalArgumentException e) {
                        throw new UserException(e.getMessage());
                    }
                } else {
                    config = Endpoints.resolve(dataDir.layout(), null, true).s3();
                }
                store = ObjectStore.connect(config);
            }
            return store;
        }

        @Override
        public synchronized void close() {
            if (store != null) {
                store.close();
            }
        }
    }
}
