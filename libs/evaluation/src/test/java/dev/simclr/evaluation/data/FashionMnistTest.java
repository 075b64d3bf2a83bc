package dev.simclr.evaluation.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.simclr.augment.resize.ResizeMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    @TempDir
    Path dir;

    @Test
    void loadsAndPadsASmallDirectory() throws IOException {
        Idx.fashionDir(dir, 12, 5);
        EvalSet set = FashionMnist.at(dir).load(new Preprocessing(32, 32, 1, ResizeMode.PAD));
        assertThat(set.name()).isEqualTo("fashion-mnist");
        assertThat(set.numClasses()).isEqualTo(10);
        assertThat(set.train().count()).isEqualTo(12);
        assertThat(set.test().count()).isEqualTo(5);
        assertThat(set.train().labels()).startsWith(0, 1, 2, 3);
        byte[] first = Arrays.copyOf(set.train().pixels(), 32 * 32);
        byte[] src = Idx.pattern(784, 1);
        assertThat(first[2 * 32 + 2]).isEqualTo(src[0]);
        assertThat(first[0]).isZero();
    }

    @Test
    void aBoundedLoadPreprocessesOnlyTheFirstImagesAndSaysSoInItsIdentity() throws IOException {
        Idx.fashionDir(dir, 12, 5);
        Preprocessing p = new Preprocessing(32, 32, 1, ResizeMode.PAD);
        EvalSet full = FashionMnist.at(dir).load(p);
        EvalSet bounded = FashionMnist.at(dir).load(p, 4, 3);
        assertThat(bounded.train().count()).isEqualTo(4);
        assertThat(bounded.test().count()).isEqualTo(3);
        assertThat(bounded.train().pixels()).isEqualTo(full.train().first(4).pixels());
        assertThat(bounded.test().labels()).isEqualTo(full.test().first(3).labels());

        EvalSetSource limited = EvalSetSource.limited(FashionMnist.at(dir), 4, 3);
        assertThat(limited.identity()).isEqualTo(FashionMnist.at(dir).identity() + "|first:4/3");
        EvalSet viaCache = new EvalSetCache(dir.resolve("cache")).load(limited, p);
        assertThat(viaCache.sourceId()).isEqualTo(limited.identity());
        assertThat(viaCache.train().pixels()).isEqualTo(bounded.train().pixels());
        assertThat(new EvalSetCache(dir.resolve("cache")).load(limited, p).identity())
                .isEqualTo(viaCache.identity());
        assertThat(EvalSetSource.limited(FashionMnist.at(dir), Integer.MAX_VALUE, Integer.MAX_VALUE)
                        .identity())
                .isEqualTo(FashionMnist.at(dir).identity());
    }

    @Test
    void keepsTheFilesArrayWhenNoPreprocessingIsNeeded() throws IOException {
        Idx.fashionDir(dir, 3, 2);
        EvalSet set = FashionMnist.at(dir).load(new Preprocessing(28, 28, 1, ResizeMode.PAD));
        assertThat(set.test().pixels()).isEqualTo(Idx.pattern(2 * 784, 7));
    }

    @Test
    void identityFollowsTheFileContent() throws IOException {
        Idx.fashionDir(dir, 3, 2);
        String before = FashionMnist.at(dir).identity();
        assertThat(FashionMnist.at(dir).identity()).isEqualTo(before).startsWith("fashion-mnist:sha256=");
        Idx.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), Idx.gzip(Idx.ubyte(new int[] {2}, new byte[] {1, 1})));
        assertThat(FashionMnist.at(dir).identity()).isNotEqualTo(before);
    }

    @Test
    void countMismatchBetweenImagesAndLabelsIsReported() throws IOException {
        Idx.fashionDir(dir, 3, 2);
        Idx.write(dir.resolve("train-labels-idx1-ubyte.gz"), Idx.gzip(Idx.ubyte(new int[] {4}, new byte[4])));
        assertThatThrownBy(() -> FashionMnist.at(dir).load(new Preprocessing(28, 28, 1, ResizeMode.PAD)))
                .isInstanceOf(EvalSetException.class)
                .hasMessageContaining("holds 3 images but")
                .hasMessageContaining("holds 4 labels");
    }

    @Test
    void outOfRangeLabelsAndWrongImageSizesAreReported() throws IOException {
        Idx.fashionDir(dir, 3, 2);
        Idx.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), Idx.gzip(Idx.ubyte(new int[] {2}, new byte[] {1, 10})));
        Preprocessing p = new Preprocessing(28, 28, 1, ResizeMode.PAD);
        assertThatThrownBy(() -> FashionMnist.at(dir).load(p))
                .hasMessageContaining("label 10 of item 1 is out of range 0..9");
        Idx.write(
                dir.resolve("train-images-idx3-ubyte.gz"),
                Idx.gzip(Idx.ubyte(new int[] {3, 32, 32}, new byte[3 * 1024])));
        assertThatThrownBy(() -> FashionMnist.at(dir).load(p)).hasMessageContaining("expected 28x28 images, got 32x32");
    }

    @Test
    void missingFilesAreNamed() throws IOException {
        Idx.fashionDir(dir, 3, 2);
        Files.delete(dir.resolve("t10k-images-idx3-ubyte.gz"));
        assertThatThrownBy(() -> FashionMnist.at(dir).identity())
                .isInstanceOf(EvalSetException.class)
                .hasMessageContaining("t10k-images-idx3-ubyte.gz (or t10k-images-idx3-ubyte) not found");
    }

    @Test
    void realDataSetHas60kBalancedTrainAnd10kTestImages() {
        assumeTrue(Files.isDirectory(FashionMnist.DEFAULT_DIR), "Fashion-MNIST not installed");
        EvalSet set = FashionMnist.atDefaultLocation().load(new Preprocessing(32, 32, 1, ResizeMode.PAD));
        assertThat(set.train().count()).isEqualTo(60_000);
        assertThat(set.test().count()).isEqualTo(10_000);
        int[] perClass = new int[10];
        for (int label : set.train().labels()) {
            perClass[label]++;
        }
        assertThat(perClass).containsOnly(6000);
        assertThat(set.train().pixels()).hasSize(60_000 * 1024);
    }
}
