package dev.simclr.evaluation.bench;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.simclr.augment.resize.ResizeMode;
import dev.simclr.evaluation.EvaluationProtocol;
import dev.simclr.evaluation.FeatureExtraction;
import dev.simclr.evaluation.FeatureMatrix;
import dev.simclr.evaluation.ProbeConfig;
import dev.simclr.evaluation.ProtocolResult;
import dev.simclr.evaluation.RawPixels;
import dev.simclr.evaluation.data.EvalSet;
import dev.simclr.evaluation.data.EvalSetCache;
import dev.simclr.evaluation.data.EvalSetException;
import dev.simclr.evaluation.data.FashionMnist;
import dev.simclr.evaluation.data.Preprocessing;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

/**
 * Times the full protocol on Fashion-MNIST (fit 60,000, score 10,000) for raw-pixel or random features and prints one
 * JSON object: accuracies, timings (standardize, linear, knn, probePlusKnn), machine load, and — with {@code --anchor}
 * — the torch anchor's timings on the same kind of features and the ratios Java / torch.
 *
 * <pre>
 * ./simclr bench protocol --features random --dim 512
 * </pre>
 */
public final class ProtocolBench {

    private ProtocolBench() {}

    public static void main(String[] args) {
        try {
            ObjectNode out = run(BenchArgs.parse(args));
            System.out.println(new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(out));
        } catch (IllegalArgumentException | IllegalStateException | EvalSetException e) {
            System.err.println("protocol-bench: " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("protocol-bench: failed: " + e);
            System.exit(1);
        }
    }

    static ObjectNode run(BenchArgs a) throws Exception {
        ObjectMapper json = new ObjectMapper();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long t0 = System.nanoTime();
        FashionMnist source = FashionMnist.at(a.dataDir());
        Preprocessing raw = new Preprocessing(FashionMnist.SIDE, FashionMnist.SIDE, 1, ResizeMode.PAD);
        EvalSet set = a.cacheDir() == null ? source.load(raw) : new EvalSetCache(a.cacheDir()).load(source, raw);
        long loadMs = (System.nanoTime() - t0) / 1_000_000;

        t0 = System.nanoTime();
        FeatureMatrix train;
        FeatureMatrix test;
        if (a.features().equals("raw")) {
            RawPixels pixels = RawPixels.of(FashionMnist.SIDE, FashionMnist.SIDE, 1);
            try (NDManager m = NDManager.newBaseManager(EvaluationProtocol.ENGINE)) {
                train = FeatureExtraction.extract(pixels, set.train(), 4096, m, "raw/train");
                test = FeatureExtraction.extract(pixels, set.test(), 4096, m, "raw/test");
            }
        } else {
            SplittableRandom rng = new SplittableRandom(a.seed());
            train = gaussian(set.train().count(), a.dim(), rng);
            test = gaussian(set.test().count(), a.dim(), rng);
        }
        long featuresMs = (System.nanoTime() - t0) / 1_000_000;

        EvaluationProtocol protocol = EvaluationProtocol.builder()
                .optProbe(ProbeConfig.builder().optMaxIterations(a.iterations()).build())
                .build();
        ProtocolResult r =
                protocol.run(train, set.train().labels(), test, set.test().labels(), set.numClasses());
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        ObjectNode o = json.createObjectNode();
        o.put("bench", "evaluation-protocol");
        o.put("protocol", EvaluationProtocol.VERSION);
        o.put("evalSet", set.identity());
        o.put("features", a.features());
        o.put("featureDim", r.featureDim());
        o.put("trainCount", r.trainCount());
        o.put("testCount", r.testCount());
        o.put("linearTop1", r.linearTop1());
        o.put("linearTop5", r.linearTop5());
        o.put("knnTop1", r.knnTop1());
        o.put("knnTop5", r.knnTop5());
        o.put("probeFinalLoss", r.probeFinalLoss());
        ObjectNode t = o.putObject("timingsMs");
        t.put("load", loadMs);
        t.put("features", featuresMs);
        r.timingsMs().forEach(t::put);
        long probePlusKnn = r.timingsMs().get("standardize")
                + r.timingsMs().get("linear")
                + r.timingsMs().get("knn");
        t.put("probePlusKnn", probePlusKnn);
        o.set("provenance", json.valueToTree(r.provenance()));
        ObjectNode machine = o.putObject("machine");
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("loadAverage1mBefore", loadBefore);
        machine.put("loadAverage1mAfter", loadAfter);
        machine.put("OMP_WAIT_POLICY", System.getenv().getOrDefault("OMP_WAIT_POLICY", "(unset)"));
        machine.put(
                "ai.djl.pytorch.num_interop_threads",
                System.getProperty("ai.djl.pytorch.num_interop_threads", "(unset)"));
        machine.put("ai.djl.pytorch.num_threads", System.getProperty("ai.djl.pytorch.num_threads", "(unset)"));
        machine.put("java", System.getProperty("java.version"));
        if (a.anchorFile() != null) {
            JsonNode anchor = TorchAnchor.run(a);
            o.set("anchor", anchor);
            ObjectNode ratio = o.putObject("ratioJavaOverTorch");
            JsonNode at = anchor.path("timingsMs");
            ratio.put(
                    "linear",
                    ratio(
                            r.timingsMs().get("standardize") + r.timingsMs().get("linear"),
                            at.path("linear").asLong()));
            ratio.put("knn", ratio(r.timingsMs().get("knn"), at.path("knn").asLong()));
            ratio.put(
                    "probePlusKnn", ratio(probePlusKnn, at.path("probePlusKnn").asLong()));
        }
        return o;
    }

    private static double ratio(long java, long torch) {
        return torch <= 0 ? Double.NaN : Math.round(1000.0 * java / torch) / 1000.0;
    }

    private static FeatureMatrix gaussian(int rows, int dim, SplittableRandom rng) {
        float[] v = new float[Math.multiplyExact(rows, dim)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return FeatureMatrix.wrap(v, rows, dim);
    }
}
