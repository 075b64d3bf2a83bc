package dev.simclr.evaluator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.evaluation.InputSpec;
import dev.simclr.evaluation.data.EvalSetException;
import dev.simclr.augment.resize.ResizeMode;
import dev.simclr.objectstore.S3Uri;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Eval sets from an S3 manifest (images in S3, decoded by libs/augment) and the resize modes. */
class EvalSetsTest {

  @TempDir
  Path cache;

  private static byte[] png(int w, int h, int grey) throws IOException {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.getRaster().setSample(x, y, 0, (grey + x * 7 + y) & 0xFF);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  private static MemoryArtefacts storeWithManifest(String manifest) throws IOException {
    MemoryArtefacts store = new MemoryArtefacts();
    for (int i = 0; i < 6; i++) {
      store.put(S3Uri.parse("s3://data/img/" + i + ".png"), png(20 + i, 24, i * 30), "image/png");
    }
    store.put(S3Uri.parse("s3://data/eval/shapes.jsonl"), manifest.getBytes(StandardCharsets.UTF_8),
        "application/x-ndjson");
    return store;
  }

  private static String line(int i, int label, String split) {
    return "{\"uri\":\"s3://data/img/" + i + ".png\",\"label\":" + label + ",\"split\":\"" + split + "\"}\n";
  }

  @Test
  void aManifestInS3IsFetchedDecodedResizedAndLabelled() throws IOException {
    String manifest = line(0, 0, "train") + line(1, 1, "train") + line(2, 0, "train") + line(3, 1, "train")
        + line(4, 0, "test") + line(5, 1, "test");
    MemoryArtefacts store = storeWithManifest(manifest);
    EvalSets sets = EvalSets.manifest(S3Uri.parse("s3://data/eval/shapes.jsonl"), store, "shapes",
        List.of("dark", "light"), cache, 3, 0, "auto");
    InputSpec spec = InputSpec.of(16, 16, 3, 0.5, 0.25);
    assertThat(sets.mode(spec)).isEqualTo(ResizeMode.RESIZE);

    LoadedEvalSet loaded = sets.load(spec);
    assertThat(loaded.label()).isEqualTo("shapes[train=3,test=2]");
    assertThat(loaded.mode()).isEqualTo(ResizeMode.RESIZE);
    assertThat(loaded.set().classNames()).containsExactly("dark", "light");
    assertThat(loaded.set().train().labels()).containsExactly(0, 1, 0);
    assertThat(loaded.set().test().labels()).containsExactly(0, 1);
    assertThat(loaded.set().train().height()).isEqualTo(16);
    assertThat(loaded.set().train().channels()).isEqualTo(3);
    assertThat(sets.load(spec)).as("kept in memory").isSameAs(loaded);
  }

  @Test
  void nonS3ImagesAndMissingManifestsFailWithTheReason() throws IOException {
    MemoryArtefacts store = storeWithManifest(line(0, 0, "train")
        + "{\"uri\":\"file:///etc/passwd\",\"label\":1,\"split\":\"test\"}\n");
    EvalSets sets = EvalSets.manifest(S3Uri.parse("s3://data/eval/shapes.jsonl"), store, "shapes", null, cache, 0, 0,
        "auto");
    assertThatThrownBy(() -> sets.load(InputSpec.of(16, 16, 1, 0.5, 0.25))).isInstanceOf(EvalSetException.class)
        .hasMessageContaining("only s3:// image URIs are supported");

    EvalSets missing = EvalSets.manifest(S3Uri.parse("s3://data/eval/none.jsonl"), store, "shapes", null, cache, 0,
        0, "auto");
    assertThatThrownBy(() -> missing.load(InputSpec.of(16, 16, 1, 0.5, 0.25)))
        .hasMessageStartingWith("eval-set manifest s3://data/eval/none.jsonl cannot be read: ");
  }

  @Test
  void autoPadsFashionMnistOnlyIntoInputsThatFit() {
    EvalSets fmnist = EvalSets.fashionMnist(Path.of("/nonexistent"), cache, 0, 0, "auto");
    assertThat(fmnist.mode(InputSpec.of(32, 32, 1, 0.5, 0.25))).isEqualTo(ResizeMode.PAD);
    assertThat(fmnist.mode(InputSpec.of(16, 16, 1, 0.5, 0.25))).isEqualTo(ResizeMode.RESIZE);
    assertThat(EvalSets.fashionMnist(Path.of("/x"), cache, 0, 0, "resize").mode(InputSpec.of(32, 32, 1, 0, 1)))
        .isEqualTo(ResizeMode.RESIZE);
    assertThatThrownBy(() -> EvalSets.fashionMnist(Path.of("/x"), cache, 0, 0, "stretch"))
        .hasMessage("resize mode must be auto, pad or resize, got 'stretch'");
    assertThatThrownBy(() -> EvalSets.fashionMnist(Path.of("/x"), cache, -1, 0, "auto"))
        .hasMessageContaining("max train/test samples must be >= 0");
  }
}
