package dev.simclr.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.augment.resize.ResizeMode;
import dev.simclr.evaluation.data.EvalSet;
import dev.simclr.evaluation.data.EvalSetCache;
import dev.simclr.evaluation.data.FashionMnist;
import dev.simclr.evaluation.data.Preprocessing;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The raw-pixel anchor on the full Fashion-MNIST (fit 60,000, score 10,000) with the protocol's default
 * hyper-parameters: ~1 min of CPU on 2 cores, hence an IT. The torch anchor gives linear 0.8453 and kNN 0.7885 on the
 * same features; PITFALLS.md quotes 84.5 % for the probe.
 */
class FashionMnistRawPixelsIT {

    @TempDir
    Path cacheDir;

    @Test
    void rawPixelsGiveTheAnchorAccuracies() {
        assertThat(Files.isDirectory(FashionMnist.DEFAULT_DIR))
                .as("Fashion-MNIST in %s (Debian package dataset-fashion-mnist)", FashionMnist.DEFAULT_DIR)
                .isTrue();
        EvalSetCache cache = new EvalSetCache(cacheDir);
        Preprocessing raw = new Preprocessing(28, 28, 1, ResizeMode.PAD);
        EvalSet set = cache.load(FashionMnist.atDefaultLocation(), raw);
        EvalSet cached = cache.load(FashionMnist.atDefaultLocation(), raw);
        assertThat(cached.train().pixels()).isEqualTo(set.train().pixels());
        assertThat(cached.test().labels()).isEqualTo(set.test().labels());

        ProtocolResult r = EvaluationProtocol.defaults().evaluate(RawPixels.of(28, 28, 1), cached, 4096);

        assertThat(r.featureDim()).isEqualTo(784);
        assertThat(r.trainCount()).isEqualTo(60_000);
        assertThat(r.testCount()).isEqualTo(10_000);
        assertThat(r.linearTop1()).isBetween(0.825, 0.855);
        assertThat(r.linearTop5()).isBetween(r.linearTop1(), 1.0);
        assertThat(r.knnTop1()).isBetween(0.775, 0.80);
        assertThat(r.knnTop5()).isGreaterThan(0.98);
    }
}
