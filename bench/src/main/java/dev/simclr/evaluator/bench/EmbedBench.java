package dev.simclr.evaluator.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.simclr.augment.decode.ImageDecoder;
import dev.simclr.augment.idx.IdxFile;
import dev.simclr.bench.BenchCli;
import dev.simclr.contracts.Json;
import dev.simclr.evaluation.FeatureExtraction;
import dev.simclr.evaluation.FeatureMatrix;
import dev.simclr.evaluation.data.LabelledImages;
import dev.simclr.model.Arch;
import dev.simclr.model.ModelConfig;
import dev.simclr.model.SimClrModel;
import dev.simclr.model.Stem;
import dev.simclr.model.eval.EncoderFeatures;
import dev.simclr.model.onnx.OnnxExport;
import dev.simclr.model.onnx.OnnxExporter;
import dev.simclr.model.run.TorchSetup;
import dev.simclr.onnx.OnnxEncoder;
import dev.simclr.onnx.OnnxParity;
import dev.simclr.onnx.batch.BatchEmbedder;
import dev.simclr.onnx.batch.EmbedInput;
import dev.simclr.onnx.batch.RowFormat;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Embedding speed of one encoder three ways, side by side in one process on the same Fashion-MNIST training images: the
 * evaluator's DJL feature extraction ({@link FeatureExtraction} over {@link EncoderFeatures}, preprocessed uint8 images
 * in memory), the exported {@code encoder.onnx} on ONNX Runtime over the same preprocessed images
 * ({@link OnnxEncoder#embedPixels}), and {@code simclr embed}'s whole path ({@link BatchEmbedder}: read PNG files,
 * decode, preprocess, ONNX Runtime, write JSON lines). Prints one JSON object with images/s and the ratios to DJL.
 *
 * <pre>
 * ./simclr bench embed --width 0.25 --input 28 --images 10000
 * </pre>
 *
 * Options: {@code --arch}, {@code --stem}, {@code --width}, {@code --input}, {@code --images N}, {@code --data DIR}
 * (Fashion-MNIST IDX files), {@code --batch N}, {@code --threads N} (intra-op threads of both engines; 0 = all cores),
 * {@code --work DIR} (where the PNG files are written).
 */
public final class EmbedBench {

    private EmbedBench() {}

    public static void main(String[] args) {
        BenchCli.run(
                "embed-bench",
                args,
                Map.of(
                        "arch",
                        "resnet18",
                        "stem",
                        "small",
                        "width",
                        "0.25",
                        "input",
                        "28",
                        "images",
                        "10000",
                        "data",
                        "/usr/share/datasets/fashion-mnist",
                        "batch",
                        "256",
                        "threads",
                        "0",
                        "work",
                        System.getProperty("java.io.tmpdir") + "/simclr-embed-bench"),
                EmbedBench::run);
    }

    static ObjectNode run(Map<String, String> a) throws IOException {
        int side = Integer.parseInt(a.get("input"));
        int n = Integer.parseInt(a.get("images"));
        int batch = Integer.parseInt(a.get("batch"));
        int threads = Integer.parseInt(a.get("threads"));
        if (side != 28) {
            throw new IllegalArgumentException("--input must be 28 (Fashion-MNIST images are used as they are)");
        }
        IdxFile idx = IdxFile.read(Path.of(a.get("data"), "train-images-idx3-ubyte.gz"));
        n = Math.min(n, idx.count());
        byte[] pixels = Arrays.copyOf(idx.data(), n * side * side);
        ModelConfig config = ModelConfig.builder()
                .setChannels(1)
                .setInputSize(side)
                .optArch(Arch.parse(a.get("arch")))
                .optStem(Stem.parse(a.get("stem")))
                .optWidth(Double.parseDouble(a.get("width")))
                .optNormalization(List.of(0.286), List.of(0.353))
                .build();

        String torch = TorchSetup.configure(threads);
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("bench", "embed-onnx-vs-djl");
        o.put("djlThreads", torch);
        o.set("model", Json.mapper().valueToTree(config.toMap()));
        o.put("images", n);
        o.put("batch", batch);
        o.put("threads", threads == 0 ? Runtime.getRuntime().availableProcessors() : threads);
        o.put("loadAverageBefore", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try (SimClrModel model = SimClrModel.create(config, Device.cpu(), 7);
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            OnnxExport export =
                    OnnxExporter.builder().optRunId("bench").optStep(0).build().export(model);
            LabelledImages images = new LabelledImages(side, side, 1, pixels, new int[n]);

            // DJL: the evaluator's feature extraction (warm-up batch first, then timed).
            FeatureExtraction.extract(
                    EncoderFeatures.of(model), images.first(Math.min(n, batch)), batch, manager, "warm-up");
            long t = System.nanoTime();
            FeatureMatrix djl = FeatureExtraction.extract(EncoderFeatures.of(model), images, batch, manager, "djl");
            double djlRate = n / seconds(t);

            try (OnnxEncoder encoder = OnnxEncoder.builder()
                    .setModel(export.bytes())
                    .optBatchSize(batch)
                    .optIntraOpThreads(threads)
                    .build()) {
                encoder.embedPixels(Arrays.copyOf(pixels, Math.min(n, batch) * side * side), Math.min(n, batch));
                t = System.nanoTime();
                float[][] ort = encoder.embedPixels(pixels, n);
                double ortRate = n / seconds(t);
                OnnxParity.Report parity = OnnxParity.compare(rows(djl), ort);

                Path work = Files.createDirectories(Path.of(a.get("work")));
                List<EmbedInput> files = writePngs(work, pixels, n, side);
                t = System.nanoTime();
                BatchEmbedder.Report cli;
                try (BatchEmbedder embedder = new BatchEmbedder(
                                encoder,
                                ImageDecoder.withDefaults(),
                                Runtime.getRuntime().availableProcessors());
                        Writer out = Files.newBufferedWriter(work.resolve("rows.jsonl"))) {
                    cli = embedder.run(files, RowFormat.JSONL, out, new BatchEmbedder.Listener() {
                        @Override
                        public void failed(EmbedInput input, String reason) {
                            throw new IllegalStateException(input.name() + ": " + reason);
                        }

                        @Override
                        public void batchDone(long embedded, long failed) {}
                    });
                }
                double cliRate = n / seconds(t);
                o.put("djlFeaturesImagesPerSecond", round(djlRate));
                o.put("onnxRuntimeImagesPerSecond", round(ortRate));
                o.put("embedCommandImagesPerSecond", round(cliRate));
                o.put("ratioOnnxRuntimeOverDjl", Math.round(ortRate / djlRate * 100) / 100.0);
                o.put("ratioEmbedCommandOverDjl", Math.round(cliRate / djlRate * 100) / 100.0);
                o.put("embedCommandRows", cli.embedded());
                o.put("parity", parity.describe());
            }
        }
        o.put("loadAverageAfter", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return o;
    }

    private static List<EmbedInput> writePngs(Path dir, byte[] pixels, int n, int side) {
        List<EmbedInput> inputs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Path p = dir.resolve(String.format("%05d.png", i));
            if (!Files.exists(p)) {
                BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
                img.getRaster()
                        .setDataElements(
                                0, 0, side, side, Arrays.copyOfRange(pixels, i * side * side, (i + 1) * side * side));
                try {
                    ImageIO.write(img, "png", p.toFile());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            inputs.add(EmbedInput.file(p));
        }
        return inputs;
    }

    private static float[][] rows(FeatureMatrix m) {
        float[][] r = new float[m.rows()][];
        for (int i = 0; i < r.length; i++) {
            r[i] = Arrays.copyOfRange(m.data(), i * m.dim(), (i + 1) * m.dim());
        }
        return r;
    }

    private static double seconds(long startNanos) {
        return Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
