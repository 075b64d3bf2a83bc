package dev.simclr.evaluation.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.augment.resize.ResizeMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalSetCacheTest {

    @TempDir
    Path dir;

    private final Preprocessing pad = new Preprocessing(4, 4, 1, ResizeMode.PAD);

    /** A source that counts its loads. */
    private static final class Counting implements EvalSetSource {
        final AtomicInteger loads = new AtomicInteger();
        String identity = "test:v1";

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public String identity() {
            return identity;
        }

        @Override
        public EvalSet load(Preprocessing p) {
            loads.incrementAndGet();
            int n = 5;
            byte[] train = Idx.pattern(n * p.imageBytes(), loads.get());
            byte[] test = Idx.pattern(2 * p.imageBytes(), 3);
            return new EvalSet(
                    name(),
                    identity,
                    p,
                    List.of("a", "b", "c"),
                    new LabelledImages(p.height(), p.width(), p.channels(), train, new int[] {0, 1, 2, 1, 0}),
                    new LabelledImages(p.height(), p.width(), p.channels(), test, new int[] {2, 0}));
        }
    }

    @Test
    void secondLoadComesFromTheCacheUnchanged() {
        Counting source = new Counting();
        EvalSetCache cache = new EvalSetCache(dir.resolve("cache"));
        EvalSet first = cache.load(source, pad);
        EvalSet second = cache.load(source, pad);
        assertThat(source.loads).hasValue(1);
        assertThat(second.train().pixels()).isEqualTo(first.train().pixels());
        assertThat(second.train().labels()).isEqualTo(first.train().labels());
        assertThat(second.test().pixels()).isEqualTo(first.test().pixels());
        assertThat(second.test().labels()).isEqualTo(first.test().labels());
        assertThat(second.classNames()).isEqualTo(first.classNames());
        assertThat(second.preprocessing()).isEqualTo(pad);
        assertThat(second.identity()).isEqualTo(first.identity());
        assertThat(cache.file(source.name(), first.cacheKey())).exists();
    }

    @Test
    void preprocessingAndIdentityAreKeyedSeparately() {
        Counting source = new Counting();
        EvalSetCache cache = new EvalSetCache(dir);
        cache.load(source, pad);
        cache.load(source, new Preprocessing(4, 4, 1, ResizeMode.RESIZE));
        cache.load(source, new Preprocessing(4, 4, 3, ResizeMode.PAD));
        source.identity = "test:v2";
        cache.load(source, pad);
        assertThat(source.loads).hasValue(4);
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.toString().endsWith(".evalset"))).hasSize(4);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void corruptFileIsRebuiltFromTheSource() throws IOException {
        Counting source = new Counting();
        EvalSetCache cache = new EvalSetCache(dir);
        EvalSet first = cache.load(source, pad);
        Path file = cache.file(source.name(), first.cacheKey());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 50] ^= 0x01; // one pixel bit
        Files.write(file, bytes);
        EvalSet rebuilt = cache.load(source, pad);
        assertThat(source.loads).hasValue(2);
        assertThat(rebuilt.train().pixels()).isNotEqualTo(first.train().pixels()); // fresh load
        EvalSet cached = cache.load(source, pad);
        assertThat(source.loads).hasValue(2);
        assertThat(cached.train().pixels()).isEqualTo(rebuilt.train().pixels());
    }

    @Test
    void truncatedOrForeignFilesAreRebuilt() throws IOException {
        Counting source = new Counting();
        EvalSetCache cache = new EvalSetCache(dir);
        EvalSet first = cache.load(source, pad);
        Path file = cache.file(source.name(), first.cacheKey());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 40));
        cache.load(source, pad);
        assertThat(source.loads).hasValue(2);
        Files.write(file, "not a cache file".getBytes());
        cache.load(source, pad);
        assertThat(source.loads).hasValue(3);
        Files.write(file, new byte[0]);
        cache.load(source, pad);
        assertThat(source.loads).hasValue(4);
        assertThat(cache.load(source, pad).train().count()).isEqualTo(5);
        assertThat(source.loads).hasValue(4);
    }

    @Test
    void aFileWithAnotherKeyIsNotServed() throws IOException {
        Counting source = new Counting();
        EvalSetCache cache = new EvalSetCache(dir);
        EvalSet v1 = cache.load(source, pad);
        source.identity = "test:v2";
        String v2Key = EvalSet.cacheKey("test:v2", pad);
        // a stale file under v2's name holding v1's content
        Files.copy(cache.file(source.name(), v1.cacheKey()), cache.file(source.name(), v2Key));
        EvalSet v2 = cache.load(source, pad);
        assertThat(source.loads).hasValue(2);
        assertThat(v2.sourceId()).isEqualTo("test:v2");
    }

    @Test
    void unwritableCacheIsAnError() throws IOException {
        Path blocker = Files.writeString(dir.resolve("file"), "x");
        EvalSetCache cache = new EvalSetCache(blocker.resolve("sub"));
        assertThatThrownBy(() -> cache.load(new Counting(), pad))
                .isInstanceOf(EvalSetException.class)
                .hasMessageContaining("cannot write eval-set cache");
    }
}
