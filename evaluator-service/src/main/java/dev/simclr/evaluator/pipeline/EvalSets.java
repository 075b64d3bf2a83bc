package dev.simclr.evaluator.pipeline;

import dev.simclr.evaluation.InputSpec;
import dev.simclr.evaluation.data.EvalSet;
import dev.simclr.evaluation.data.EvalSetCache;
import dev.simclr.evaluation.data.EvalSetSource;
import dev.simclr.evaluation.data.FashionMnist;
import dev.simclr.evaluation.data.Preprocessing;
import dev.simclr.augment.resize.ResizeMode;
import dev.simclr.augment.decode.ImageDecoder;
import dev.simclr.evaluation.data.EvalSetException;
import dev.simclr.evaluation.data.ManifestSource;
import dev.simclr.objectstore.S3Uri;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The configured evaluation set, loaded for a model's input (through the on-disk {@link
 * EvalSetCache}) and kept in memory for the next checkpoint with the same input. Used by the
 * single evaluation worker.
 */
public final class EvalSets {

  /** Largest eval-set manifest read. */
  public static final long MAX_MANIFEST_BYTES = 64L * 1024 * 1024;

  private final Supplier<EvalSetSource> source;
  private final boolean fashionMnist;
  private final EvalSetCache cache;
  private final int maxTrain;
  private final int maxTest;
  private final String resizeMode;
  private String lastKey;
  private LoadedEvalSet last;

  /**
   * Eval sets from {@code source}.
   *
   * @param source creates the source (called per load, so a manifest's identity is re-read)
   * @param fashionMnist whether the source is Fashion-MNIST (28 px images; affects {@code auto})
   * @param cacheDir the decoded-set cache
   * @param maxTrain at most this many train images, 0 = all
   * @param maxTest at most this many test images, 0 = all
   * @param resizeMode {@code auto}, {@code pad} or {@code resize}
   */
  public EvalSets(Supplier<EvalSetSource> source, boolean fashionMnist, Path cacheDir, int maxTrain, int maxTest,
      String resizeMode) {
    if (maxTrain < 0 || maxTest < 0) {
      throw new IllegalArgumentException("max train/test samples must be >= 0 (0 = all), got " + maxTrain + "/"
          + maxTest);
    }
    String mode = resizeMode == null ? "" : resizeMode.trim().toLowerCase(Locale.ROOT);
    if (!mode.equals("auto") && !mode.equals("pad") && !mode.equals("resize")) {
      throw new IllegalArgumentException("resize mode must be auto, pad or resize, got '" + resizeMode + "'");
    }
    this.source = source;
    this.fashionMnist = fashionMnist;
    this.cache = new EvalSetCache(cacheDir);
    this.maxTrain = maxTrain;
    this.maxTest = maxTest;
    this.resizeMode = mode;
  }

  /** Fashion-MNIST IDX files in {@code dir}. */
  public static EvalSets fashionMnist(Path dir, Path cacheDir, int maxTrain, int maxTest, String resizeMode) {
    FashionMnist source = FashionMnist.at(dir);
    return new EvalSets(() -> source, true, cacheDir, maxTrain, maxTest, resizeMode);
  }

  /**
   * A manifest of JSON lines {@code {"uri","label","split"}} in S3; images are fetched from S3
   * (s3:// URIs only) and decoded by libs/augment's {@link ImageDecoder}. The manifest is re-read
   * at every load, so a changed manifest is picked up (its sha256 is the set's identity).
   *
   * @param name the eval-set name (becomes {@code EvalResult.evalSet})
   * @param classNames class names, or null for {@code "0".."max label"}
   */
  public static EvalSets manifest(S3Uri manifest, ArtefactStore store, String name, List<String> classNames,
      Path cacheDir, int maxTrain, int maxTest, String resizeMode) {
    ImageDecoder decoder = ImageDecoder.withDefaults();
    Supplier<EvalSetSource> source = () -> {
      byte[] bytes;
      try {
        bytes = store.get(manifest, MAX_MANIFEST_BYTES);
      } catch (RuntimeException e) {
        throw new EvalSetException("eval-set manifest " + manifest + " cannot be read: " + e.getMessage(), e);
      }
      ManifestSource.Builder b = ManifestSource.builder().setName(name).setManifest(bytes)
          .setFetcher(uri -> fetch(store, uri, decoder.maxBytes()))
          .setDecoder(decoder::decode)
          .optParallelism(4);
      if (classNames != null && !classNames.isEmpty()) {
        b.optClassNames(classNames);
      }
      return b.build();
    };
    return new EvalSets(source, false, cacheDir, maxTrain, maxTest, resizeMode);
  }

  private static byte[] fetch(ArtefactStore store, URI uri, long maxBytes) {
    if (!"s3".equals(uri.getScheme())) {
      throw new IllegalArgumentException("only s3:// image URIs are supported in eval-set manifests, got " + uri);
    }
    return store.get(S3Uri.parse(uri.toString()), maxBytes);
  }

  /** The resize mode for an input: {@code auto} pads Fashion-MNIST up to inputs of 28 px and more, else resizes. */
  public ResizeMode mode(InputSpec spec) {
    return switch (resizeMode) {
      case "pad" -> ResizeMode.PAD;
      case "resize" -> ResizeMode.RESIZE;
      default -> fashionMnist && spec.height() >= FashionMnist.SIDE && spec.width() >= FashionMnist.SIDE
          ? ResizeMode.PAD : ResizeMode.RESIZE;
    };
  }

  /**
   * The eval set preprocessed for {@code spec}'s size and channels, limited to the configured
   * sample counts.
   *
   * @throws dev.simclr.evaluation.data.EvalSetException when the source cannot be read
   */
  public synchronized LoadedEvalSet load(InputSpec spec) {
    ResizeMode mode = mode(spec);
    Preprocessing preprocessing = spec.preprocessing(mode);
    EvalSetSource src = source.get();
    String key = src.identity() + "|" + preprocessing.key() + "|" + maxTrain + "/" + maxTest;
    if (key.equals(lastKey)) {
      return last;
    }
    EvalSet full = cache.load(src, preprocessing);
    EvalSet set = full.limit(maxTrain == 0 ? Integer.MAX_VALUE : maxTrain, maxTest == 0 ? Integer.MAX_VALUE : maxTest);
    String label = set == full ? full.name()
        : full.name() + "[train=" + set.train().count() + ",test=" + set.test().count() + "]";
    last = new LoadedEvalSet(set, label, mode);
    lastKey = key;
    return last;
  }
}
