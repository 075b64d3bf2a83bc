package dev.simclr.evaluation.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.augment.resize.ResizeMode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ManifestSourceTest {

    private final Map<URI, byte[]> store = new HashMap<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private final Function<URI, byte[]> fetcher = uri -> {
        fetches.incrementAndGet();
        byte[] b = store.get(uri);
        if (b == null) {
            throw new IllegalStateException("object not found: " + uri);
        }
        return b;
    };
    private final Preprocessing p = new Preprocessing(4, 4, 1, ResizeMode.RESIZE);

    private String line(String uri, int label, String split) {
        return "{\"uri\":\"" + uri + "\",\"label\":" + label + ",\"split\":\"" + split + "\"}";
    }

    private ManifestSource source(String manifest, int parallelism) {
        return ManifestSource.builder()
                .setName("tiny")
                .setManifest(manifest.getBytes(StandardCharsets.UTF_8))
                .setFetcher(fetcher)
                .setDecoder(TinyCodec::decode)
                .optParallelism(parallelism)
                .build();
    }

    private String fill(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String uri = "s3://bucket/img-" + i + ".tiny";
            store.put(URI.create(uri), TinyCodec.encode(2 + i % 5, 3, i % 2 == 0 ? 1 : 3, i));
            sb.append(line(uri, i % 3, i % 4 == 3 ? "test" : "train")).append('\n');
        }
        return sb.toString();
    }

    @Test
    void loadsSplitsInManifestOrderWithPreprocessing() {
        EvalSet set = source(fill(8) + "\n", 1).load(p);
        assertThat(set.name()).isEqualTo("tiny");
        assertThat(set.train().count()).isEqualTo(6);
        assertThat(set.test().count()).isEqualTo(2);
        assertThat(set.train().labels()).containsExactly(0, 1, 2, 1, 2, 0);
        assertThat(set.test().labels()).containsExactly(0, 1);
        assertThat(set.classNames()).containsExactly("0", "1", "2");
        // image 4 is constant 4 (train index 3), resized constant stays constant
        for (int i = 0; i < 16; i++) {
            assertThat(set.train().pixels()[3 * 16 + i]).isEqualTo((byte) 4);
        }
        assertThat(set.sourceId()).startsWith("manifest:sha256=");
    }

    @Test
    void parallelLoadGivesTheSameSet() {
        String manifest = fill(40);
        EvalSet sequential = source(manifest, 1).load(p);
        EvalSet parallel = source(manifest, 4).load(p);
        assertThat(parallel.train().pixels()).isEqualTo(sequential.train().pixels());
        assertThat(parallel.test().labels()).isEqualTo(sequential.test().labels());
        assertThat(parallel.cacheKey()).isEqualTo(sequential.cacheKey());
    }

    @Test
    void classNamesAndVersionAreApplied() {
        String manifest = fill(8);
        ManifestSource named = ManifestSource.builder()
                .setName("tiny")
                .setManifest(manifest.getBytes(StandardCharsets.UTF_8))
                .setFetcher(fetcher)
                .setDecoder(TinyCodec::decode)
                .optClassNames(List.of("a", "b", "c", "d"))
                .optVersion("v2")
                .build();
        EvalSet set = named.load(p);
        assertThat(set.classNames()).containsExactly("a", "b", "c", "d");
        assertThat(named.identity()).isEqualTo(source(manifest, 1).identity() + "|version=v2");
    }

    @Test
    void fetchFailuresNameTheLineAndUri() {
        String manifest = fill(3) + line("s3://bucket/missing.tiny", 0, "test");
        assertThatThrownBy(() -> source(manifest, 1).load(p))
                .isInstanceOf(EvalSetException.class)
                .hasMessage("manifest line 4 (s3://bucket/missing.tiny): fetch failed: object not "
                        + "found: s3://bucket/missing.tiny");
        assertThatThrownBy(() -> source(manifest, 3).load(p))
                .hasMessageContaining("manifest line 4 (s3://bucket/missing.tiny): fetch failed");
    }

    @Test
    void decodeFailuresNameTheLine() {
        store.put(URI.create("file:///bad"), new byte[] {0, 1});
        String manifest = fill(4) + line("file:///bad", 1, "train");
        assertThatThrownBy(() -> source(manifest, 1).load(p))
                .hasMessage("manifest line 5 (file:///bad): cannot decode: not a tiny image");
    }

    @Test
    void malformedLinesAreRejected() {
        assertThatThrownBy(() -> source("s3://bucket/a.png\n", 1).load(p))
                .hasMessageContaining("manifest tiny line 1: expected a JSON object");
        assertThatThrownBy(() ->
                        source("{\"uri\":\"s3://b/a\",\"split\":\"train\"}", 1).load(p))
                .hasMessage("manifest tiny line 1: \"label\" is required");
        assertThatThrownBy(() -> source(line("s3://b/a", 1, "val"), 1).load(p))
                .hasMessage("manifest tiny line 1: \"split\" must be \"train\" or \"test\", got val");
        assertThatThrownBy(() -> source("{\"uri\":\"no-scheme\",\"label\":1,\"split\":\"test\"}", 1)
                        .load(p))
                .hasMessageStartingWith("manifest tiny line 1: image ref:");
        assertThatThrownBy(() -> source("\n\n", 1).load(p)).hasMessage("manifest tiny: no images listed");
    }

    @Test
    void bothSplitsAreRequired() {
        store.put(URI.create("s3://b/a"), TinyCodec.encode(2, 2, 1, 0));
        assertThatThrownBy(() -> source(line("s3://b/a", 1, "train"), 1).load(p))
                .hasMessage("manifest tiny: needs train and test entries, got 1 train and 0 test");
        assertThat(fetches).hasValue(0);
    }

    @Test
    void labelsBeyondTheClassNamesAreRejected() {
        String manifest = fill(8);
        ManifestSource named = ManifestSource.builder()
                .setName("tiny")
                .setManifest(manifest.getBytes(StandardCharsets.UTF_8))
                .setFetcher(fetcher)
                .setDecoder(TinyCodec::decode)
                .optClassNames(List.of("a", "b"))
                .build();
        assertThatThrownBy(() -> named.load(p))
                .hasMessage("manifest tiny: label 2 is out of range for the 2 class names given");
    }

    @Test
    void anImageThatCannotBeFittedIsReportedWithTheLine() {
        store.put(URI.create("s3://b/big"), TinyCodec.encode(9, 9, 1, 0));
        store.put(URI.create("s3://b/ok"), TinyCodec.encode(2, 2, 1, 0));
        String manifest = line("s3://b/ok", 0, "train") + "\n" + line("s3://b/big", 1, "test");
        assertThatThrownBy(() -> source(manifest, 1).load(new Preprocessing(4, 3, 1, ResizeMode.PAD)))
                .hasMessage("manifest line 2 (s3://b/big): cannot fit a 9x9 image to the non-square input "
                        + "4x3 with pad (square inputs take every mode)");
    }

    @Test
    void aBoundedLoadFetchesOnlyTheImagesItKeeps() {
        String manifest = fill(8);
        EvalSet full = source(manifest, 1).load(p);
        fetches.set(0);
        EvalSet bounded = source(manifest, 2).load(p, 3, 1);
        assertThat(fetches.get()).isEqualTo(4);
        assertThat(bounded.train().pixels()).isEqualTo(full.train().first(3).pixels());
        assertThat(bounded.test().labels()).containsExactly(0);
    }

    @Test
    void summarisesLabelsSplitsAndDatasetsWithoutFetching() {
        String labelled = fill(8);
        fetches.set(0);
        ManifestSource.Summary s = source(labelled, 1).summary();
        assertThat(s).isEqualTo(new ManifestSource.Summary(8, true, 6, 2, 3, List.of(), List.of()));
        assertThat(s.evaluable()).isTrue();
        String unlabelled = "{\"uri\":\"s3://bucket/img-0.tiny\",\"split\":\"test\",\"dataset\":\"photos\"}\n"
                + "s3://bucket/img-1.tiny\n";
        ManifestSource.Summary u = source(unlabelled, 1).summary();
        assertThat(u).isEqualTo(new ManifestSource.Summary(2, false, 0, 1, 0, List.of("photos"), List.of()));
        String named = "{\"uri\":\"s3://b/1\",\"label\":1,\"class\":\"dog\",\"split\":\"train\"}\n"
                + "{\"uri\":\"s3://b/0\",\"label\":0,\"class\":\"cat\",\"split\":\"test\"}\n"
                + "{\"uri\":\"s3://b/2\",\"label\":1,\"class\":\"dog\",\"split\":\"test\"}\n";
        assertThat(source(named, 1).summary().classNames()).containsExactly("cat", "dog");
        assertThat(source(
                                named.replace(
                                        "\"class\":\"dog\",\"split\":\"test\"",
                                        "\"class\":\"wolf\",\"split\":\"test\""),
                                1)
                        .summary()
                        .classNames())
                .as("one label, two names")
                .isEmpty();
        assertThat(u.evaluable()).isFalse();
        assertThat(fetches.get()).isZero();
        assertThatThrownBy(() -> source("{\"label\":1}", 1).summary()).hasMessageStartingWith("manifest tiny line 1: ");
    }

    @Test
    void anUnlabelledSampleTakesTheFirstImagesWhateverTheirSplit() {
        fill(8);
        String unlabelled = "s3://bucket/img-0.tiny\n{\"uri\":\"s3://bucket/img-1.tiny\",\"split\":\"test\"}\n"
                + "{\"uri\":\"s3://bucket/img-2.tiny\",\"label\":4}\n";
        ManifestSource.Sample drawn = source(unlabelled, 1).unlabelled(p, 2);
        LabelledImages sample = drawn.images();
        assertThat(sample.count()).isEqualTo(2);
        // img-0 is 2x3 grey, img-1 3x3 RGB (TinyCodec.encode(2 + i % 5, 3, ...))
        assertThat(drawn.sourceChannels()).isEqualTo(3);
        assertThat(drawn.sourceSide()).isEqualTo(3);
        EvalSet reference = source(fill(8), 1).load(p);
        assertThat(java.util.Arrays.copyOf(sample.pixels(), 16))
                .isEqualTo(java.util.Arrays.copyOf(reference.train().pixels(), 16));
        assertThat(source(unlabelled, 1).unlabelled(p, 10).images().count()).isEqualTo(3);
    }

    @Test
    void builderRequiresItsParts() {
        assertThatThrownBy(() -> ManifestSource.builder().setName("x").build())
                .hasMessage("manifest source: manifest is required");
        assertThatThrownBy(() -> ManifestSource.builder().setName("bad name").build())
                .hasMessageContaining("eval set name must be");
        assertThatThrownBy(() -> ManifestSource.builder().optParallelism(0))
                .hasMessage("parallelism must be 1..256, got 0");
    }
}
