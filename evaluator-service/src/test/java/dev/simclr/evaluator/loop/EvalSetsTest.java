package dev.simclr.evaluator.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.augment.resize.ResizeMode;
import dev.simclr.evaluation.InputSpec;
import dev.simclr.evaluation.data.EvalSetException;
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
        store.put(
                S3Uri.parse("s3://data/eval/shapes.jsonl"),
                manifest.getBytes(StandardCharsets.UTF_8),
                "application/x-ndjson");
        return store;
    }

    private static String line(int i, int label, String split) {
        return "{\"uri\":\"s3://data/img/" + i + ".png\",\"label\":" + label + ",\"split\":\"" + split + "\"}\n";
    }

    private static final EvalSets.Limits ALL = new EvalSets.Limits(0, 0, 4);

    @Test
    void aManifestInS3IsFetchedDecodedFittedAndLabelled() throws IOException {
        String manifest = line(0, 0, "train")
                + line(1, 1, "train")
                + line(2, 0, "train")
                + line(3, 1, "train")
                + line(4, 0, "test")
                + line(5, 1, "test");
        MemoryArtefacts store = storeWithManifest(manifest);
        EvalSets sets = EvalSets.manifest(
                S3Uri.parse("s3://data/eval/shapes.jsonl"),
                store,
                "shapes",
                List.of("dark", "light"),
                cache,
                new EvalSets.Limits(3, 0, 4));
        InputSpec spec = InputSpec.of(16, 16, 3, 0.5, 0.25);

        LoadedEvalSet loaded = sets.load(spec, ResizeMode.CENTER_CROP);
        assertThat(loaded.label()).isEqualTo("shapes[train=3,test=2]");
        assertThat(loaded.mode()).isEqualTo(ResizeMode.CENTER_CROP);
        assertThat(loaded.set().preprocessing().key()).isEqualTo("16x16x3-center-crop");
        assertThat(loaded.set().classNames()).containsExactly("dark", "light");
        assertThat(loaded.set().train().labels()).containsExactly(0, 1, 0);
        assertThat(loaded.set().test().labels()).containsExactly(0, 1);
        assertThat(loaded.set().train().height()).isEqualTo(16);
        assertThat(loaded.set().train().channels()).isEqualTo(3);
        assertThat(loaded.labelFree().name()).isEqualTo("shapes/test");
        assertThat(loaded.labelFree().images().count()).isEqualTo(2);
        assertThat(loaded.mismatch()).isEmpty();
        assertThat(sets.load(spec, ResizeMode.CENTER_CROP)).as("kept in memory").isSameAs(loaded);
        assertThat(sets.load(spec, ResizeMode.PAD).set().preprocessing().key()).isEqualTo("16x16x3-pad");
    }

    @Test
    void nonS3ImagesAndMissingManifestsFailWithTheReason() throws IOException {
        MemoryArtefacts store = storeWithManifest(
                line(0, 0, "train") + "{\"uri\":\"file:///etc/passwd\",\"label\":1,\"split\":\"test\"}\n");
        EvalSets sets =
                EvalSets.manifest(S3Uri.parse("s3://data/eval/shapes.jsonl"), store, "shapes", null, cache, ALL);
        assertThatThrownBy(() -> sets.load(InputSpec.of(16, 16, 1, 0.5, 0.25), ResizeMode.PAD))
                .isInstanceOf(EvalSetException.class)
                .hasMessageContaining("only s3:// image URIs are supported");

        EvalSets missing =
                EvalSets.manifest(S3Uri.parse("s3://data/eval/none.jsonl"), store, "shapes", null, cache, ALL);
        assertThatThrownBy(() -> missing.load(InputSpec.of(16, 16, 1, 0.5, 0.25), ResizeMode.PAD))
                .hasMessageStartingWith("eval-set manifest s3://data/eval/none.jsonl cannot be read: ");
        assertThatThrownBy(() -> new EvalSets.Limits(-1, 0, 0)).hasMessageContaining("must be >= 0");
    }

    @Test
    void labelledHeldOutImagesBecomeTheEvaluationSetOnceTheyExist() throws IOException {
        MemoryArtefacts store =
                storeWithManifest(line(0, 0, "train") + line(1, 1, "train") + line(4, 0, "test") + line(5, 1, "test"));
        S3Uri holdout = S3Uri.parse("s3://data/eval-sets/run-1/holdout.jsonl");
        EvalSets sets = EvalSets.manifest(S3Uri.parse("s3://data/eval/shapes.jsonl"), store, "shapes", null, cache, ALL)
                .withHoldout(holdout, store);
        InputSpec spec = InputSpec.of(16, 16, 1, 0.5, 0.25);
        assertThat(sets.load(spec, ResizeMode.PAD).set().name())
                .as("no held-out images yet")
                .isEqualTo("shapes");

        String own =
                "{\"uri\":\"s3://data/img/2.png\",\"label\":0,\"class\":\"cat\",\"split\":\"train\",\"dataset\":\"pets\"}\n"
                        + "{\"uri\":\"s3://data/img/3.png\",\"label\":1,\"class\":\"dog\",\"split\":\"train\",\"dataset\":\"pets\"}\n"
                        + "{\"uri\":\"s3://data/img/4.png\",\"label\":0,\"class\":\"cat\",\"split\":\"test\",\"dataset\":\"pets\"}\n"
                        + "{\"uri\":\"s3://data/img/5.png\",\"label\":1,\"class\":\"dog\",\"split\":\"test\",\"dataset\":\"pets\"}\n";
        store.put(holdout, own.getBytes(StandardCharsets.UTF_8), "application/x-ndjson");
        LoadedEvalSet loaded = sets.load(spec, ResizeMode.PAD);
        assertThat(loaded.set().name()).isEqualTo("pets-holdout");
        assertThat(loaded.label()).isEqualTo("pets-holdout");
        assertThat(loaded.set().classNames()).containsExactly("cat", "dog");
        assertThat(loaded.set().train().count()).isEqualTo(2);
        assertThat(loaded.labelFree().name()).isEqualTo("pets-holdout/test");
        assertThat(loaded.mismatch()).isEmpty();
    }

    @Test
    void unlabelledHeldOutImagesAreTheLabelFreeSampleAndTheDifferenceIsReported() throws IOException {
        MemoryArtefacts store = new MemoryArtefacts();
        for (int i = 0; i < 3; i++) {
            store.put(S3Uri.parse("s3://data/photos/" + i + ".png"), rgbPng(60, 40, i * 50), "image/png");
        }
        S3Uri holdout = S3Uri.parse("s3://data/eval-sets/run-1/holdout.jsonl");
        String photos = "{\"uri\":\"s3://data/photos/0.png\",\"split\":\"test\",\"dataset\":\"photos\"}\n"
                + "{\"uri\":\"s3://data/photos/1.png\",\"split\":\"test\",\"dataset\":\"photos\"}\n"
                + "{\"uri\":\"s3://data/photos/2.png\",\"split\":\"test\",\"dataset\":\"photos\"}\n";
        store.put(holdout, photos.getBytes(StandardCharsets.UTF_8), "application/x-ndjson");
        // the labelled set: 28 px grey images, as Fashion-MNIST's
        EvalSets sets = new EvalSets(
                        () -> new Fixtures.Synthetic(),
                        new EvalSets.SourceShape(1, 28),
                        cache,
                        new EvalSets.Limits(0, 0, 2))
                .withHoldout(holdout, store);
        LoadedEvalSet loaded = sets.load(InputSpec.of(32, 32, 3, 0.5, 0.25), ResizeMode.PAD);
        assertThat(loaded.set().name()).isEqualTo("synthetic");
        assertThat(loaded.labelFree().name()).isEqualTo("photos-holdout");
        assertThat(loaded.labelFree().images().count()).isEqualTo(2);
        assertThat(loaded.labelFree().images().channels()).isEqualTo(3);
        assertThat(loaded.mismatch())
                .containsExactly(
                        "domain: the run's held-out images (photos) are not in the evaluation set synthetic, so its accuracy says"
                                + " little about them; alignment and uniformity are measured on photos-holdout",
                        "channels: the run's images have 3, synthetic's 1 (converted to 3 for the model)",
                        "size: the run's images are about 60 px, synthetic's 28 px (both fitted to the 32 px input by pad)");
    }

    @Test
    void aThreeChannelModelOnAGreySetIsReportedEvenWithoutHeldOutImages() {
        EvalSets sets = new EvalSets(() -> new Fixtures.Synthetic(), new EvalSets.SourceShape(1, 28), cache, ALL);
        assertThat(sets.load(InputSpec.of(16, 16, 3, 0.5, 0.25), ResizeMode.PAD).mismatch())
                .containsExactly("channels: the run's images have 3, synthetic's 1 (converted to 3 for the model)");
        assertThat(sets.load(InputSpec.of(16, 16, 1, 0.5, 0.25), ResizeMode.PAD).mismatch())
                .isEmpty();
    }

    private static byte[] rgbPng(int w, int h, int base) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, ((base + x) & 0xFF) << 16 | ((base + y) & 0xFF) << 8 | ((x * y) & 0xFF));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
