package dev.simclr.augment.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.augment.PolicyConfig;
import dev.simclr.augment.ViewPairFactory;
import dev.simclr.augment.ViewSeeds;
import dev.simclr.augment.cache.CacheContent;
import dev.simclr.augment.cache.CachedImage;
import dev.simclr.augment.cache.EpochCache;
import dev.simclr.augment.cache.ImageCache;
import dev.simclr.augment.decode.DecodeException;
import dev.simclr.augment.decode.ImageDecoder;
import dev.simclr.augment.fetch.FetchException;
import dev.simclr.augment.fetch.ImageFetcher;
import dev.simclr.augment.testing.TestImages;
import dev.simclr.contracts.ContractException;
import dev.simclr.contracts.DeadLetter.Reason;
import dev.simclr.contracts.ViewPair;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ImagePipelineTest {

    /** Serves bytes or throws per URI; counts calls. */
    private static final class FakeFetcher implements ImageFetcher {
        final Map<String, Object> answers = new HashMap<>();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public byte[] fetch(URI uri, long maxBytes) {
            calls.incrementAndGet();
            Object a = answers.get(uri.toString());
            if (a instanceof RuntimeException e) {
                throw e;
            }
            if (a instanceof Error e) {
                throw e;
            }
            if (a == null) {
                throw new FetchException(FetchException.Kind.NOT_FOUND, uri + " does not exist");
            }
            return (byte[]) a;
        }
    }

    private final FakeFetcher fetcher = new FakeFetcher();
    private final byte[] png = TestImages.encode(TestImages.gradient(40, 30), "png");
    private final ImagePipeline pipeline = ImagePipeline.builder()
            .setFetcher(fetcher)
            .setDecoder(ImageDecoder.builder()
                    .optTimeout(java.time.Duration.ofSeconds(30))
                    .build())
            .setFactory(new ViewPairFactory(PolicyConfig.simclr(16, 3)))
            .setRunSeed(42)
            .optCache(EpochCache.of(1 << 20, CacheContent.DECODED))
            .build();

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private Outcome run(String key, String value) {
        return pipeline.process(utf8(key), utf8(value), 0);
    }

    private Outcome.Dead dead(String key, String value) {
        Outcome o = run(key, value);
        assertThat(o).isInstanceOf(Outcome.Dead.class);
        return (Outcome.Dead) o;
    }

    @Test
    void goodRecordBecomesAReproduciblePairSeededFromIdAndEpoch() {
        fetcher.answers.put("s3://bucket/a.png", png);
        Outcome o = run("img-a", "s3://bucket/a.png");
        assertThat(o).isInstanceOf(Outcome.Pair.class);
        ViewPair pair = ((Outcome.Pair) o).pair();
        assertThat(pair.imageId()).isEqualTo("img-a");
        assertThat(pair.epoch()).isZero();
        assertThat(pair.seed()).isEqualTo(ViewSeeds.of(42, "img-a", 0));
        assertThat(pair.height()).isEqualTo(16);
        assertThat(pair.channels()).isEqualTo(3);
        assertThat(o.timings().fetchNanos()).isPositive();
        assertThat(o.timings().decodeNanos()).isPositive();
        assertThat(o.timings().augmentNanos()).isPositive();
        assertThat(o.timings().cacheHit()).isFalse();

        Outcome again = run("img-a", "s3://bucket/a.png");
        assertThat(((Outcome.Pair) again).pair()).isEqualTo(pair);
        ViewPair epoch1 = ((Outcome.Pair) pipeline.process(utf8("img-a"), utf8("s3://bucket/a.png"), 1)).pair();
        assertThat(epoch1.epoch()).isEqualTo(1);
        assertThat(epoch1.view1()).isNotEqualTo(pair.view1());
    }

    @Test
    void laterEpochsDecodeFromTheCacheWithoutFetching() {
        fetcher.answers.put("file:///data/a.png", png);
        for (int epoch = 0; epoch < 4; epoch++) {
            Outcome o = pipeline.process(null, utf8("file:///data/a.png"), epoch);
            assertThat(o).isInstanceOf(Outcome.Pair.class);
            assertThat(o.timings().cacheHit()).isEqualTo(epoch > 0);
            if (epoch > 0) {
                assertThat(o.timings().fetchNanos()).isZero();
            }
        }
        assertThat(fetcher.calls).hasValue(1);
        assertThat(pipeline.cache().hits()).isEqualTo(3);
        assertThat(pipeline.cache().misses()).isEqualTo(1);
    }

    @Test
    void anEncodedCacheDecodesItsBytesAgainWithoutFetching() {
        EpochCache encoded = EpochCache.of(1 << 20, CacheContent.ENCODED);
        ImagePipeline p = ImagePipeline.builder()
                .setFetcher(fetcher)
                .setDecoder(ImageDecoder.withDefaults())
                .setFactory(new ViewPairFactory(PolicyConfig.simclr(16, 3)))
                .setRunSeed(42)
                .optCache(encoded)
                .build();
        fetcher.answers.put("s3://bucket/a.png", png);
        Outcome first = p.process(utf8("a"), utf8("s3://bucket/a.png"), 0);
        Outcome second = p.process(utf8("a"), utf8("s3://bucket/a.png"), 0);
        assertThat(fetcher.calls).hasValue(1);
        assertThat(second.timings().cacheHit()).isTrue();
        assertThat(second.timings().fetchNanos()).isZero();
        assertThat(second.timings().decodeNanos()).isPositive();
        assertThat(((Outcome.Pair) second).pair()).isEqualTo(((Outcome.Pair) first).pair());
        assertThat(p.cache()).isSameAs(encoded);
        assertThat(encoded.bytes()).isEqualTo(ImageCache.sizeOf("s3://bucket/a.png", new CachedImage.Encoded(png)));
        assertThat(encoded.hits()).isEqualTo(1);
        assertThat(encoded.misses()).isEqualTo(1);
        assertThat(encoded.get("s3://bucket/a.png"))
                .isInstanceOfSatisfying(
                        CachedImage.Encoded.class, e -> assertThat(e.data()).isSameAs(png));
    }

    @Test
    void refsOfAnExcludedSplitAreExcludedWithoutFetchingOrDeadLettering() {
        ImagePipeline p = ImagePipeline.builder()
                .setFetcher(fetcher)
                .setDecoder(ImageDecoder.withDefaults())
                .setFactory(new ViewPairFactory(PolicyConfig.simclr(8, 1)))
                .setRunSeed(1)
                .optExcludedSplits(java.util.List.of("test", " Val "))
                .build();
        assertThat(p.excludedSplits()).containsExactlyInAnyOrder("test", "val");
        fetcher.answers.put("s3://bucket/a.png", png);
        Outcome test = p.process(utf8("t"), utf8("{\"uri\":\"s3://bucket/a.png\",\"split\":\"TEST\"}"), 0);
        assertThat(test).isInstanceOf(Outcome.Excluded.class);
        assertThat(((Outcome.Excluded) test).split()).isEqualTo("test");
        assertThat(p.process(utf8("v"), utf8("{\"uri\":\"s3://bucket/a.png\",\"split\":\"val\"}"), 0))
                .isInstanceOf(Outcome.Excluded.class);
        assertThat(fetcher.calls).hasValue(0);
        assertThat(p.process(utf8("r"), utf8("{\"uri\":\"s3://bucket/a.png\",\"split\":\"train\"}"), 0))
                .isInstanceOf(Outcome.Pair.class);
        assertThat(p.process(utf8("n"), utf8("s3://bucket/a.png"), 0))
                .as("no split: trained on")
                .isInstanceOf(Outcome.Pair.class);
        assertThat(pipeline.excludedSplits())
                .as("nothing is excluded by default")
                .isEmpty();
        assertThat(pipeline.process(utf8("t"), utf8("{\"uri\":\"s3://bucket/a.png\",\"split\":\"test\"}"), 0))
                .isInstanceOf(Outcome.Pair.class);
        assertThatThrownBy(() -> ImagePipeline.builder().optExcludedSplits(java.util.List.of(" ")))
                .hasMessageContaining("must not be blank");
    }

    @Test
    void idPrecedenceIsJsonIdThenKeyThenUriHash() {
        fetcher.answers.put("s3://bucket/a.png", png);
        assertThat(((Outcome.Pair) run("key-id", "{\"uri\":\"s3://bucket/a.png\",\"id\":\"json-id\"}"))
                        .pair()
                        .imageId())
                .isEqualTo("json-id");
        assertThat(((Outcome.Pair) run("key-id", "{\"uri\":\"s3://bucket/a.png\"}"))
                        .pair()
                        .imageId())
                .isEqualTo("key-id");
        assertThat(((Outcome.Pair) run(null, "s3://bucket/a.png")).pair().imageId())
                .matches("u-[0-9a-f]{16}");
    }

    @Test
    void tombstoneIsSkippedNotDeadLettered() {
        Outcome o = run("img-a", null);
        assertThat(o).isInstanceOf(Outcome.Skipped.class);
        assertThat(((Outcome.Skipped) o).why()).contains("tombstone");
        assertThat(fetcher.calls).hasValue(0);
    }

    @Test
    void parseFailuresAreUnparseable() {
        for (String value : new String[] {
            "",
            "   ",
            "{\"uri\":",
            "{\"id\":\"x\"}",
            "no-scheme/a.png",
            "[1,2]",
            "{\"uri\":\"s3://b/x.png\",\"label\":-3}",
            "s3://bucket/a%zz.png"
        }) {
            Outcome.Dead d = dead("k", value);
            assertThat(d.reason()).as(value).isEqualTo(Reason.UNPARSEABLE);
            assertThat(d.exceptionClass()).isEqualTo(ContractException.class.getName());
            assertThat(d.message()).isNotBlank().doesNotContain("\n");
        }
        Outcome.Dead badKey = (Outcome.Dead) pipeline.process(new byte[] {(byte) 0xC3, 0x28}, utf8("s3://b/x.png"), 0);
        assertThat(badKey.reason()).isEqualTo(Reason.UNPARSEABLE);
        assertThat(badKey.message()).contains("record key is not valid UTF-8");
        Outcome.Dead controlKey = dead("bad\u0001key", "s3://b/x.png");
        assertThat(controlKey.reason()).isEqualTo(Reason.UNPARSEABLE);
        assertThat(fetcher.calls).hasValue(0);
    }

    @Test
    void fetchFailureKindsMapToTheirReasons() {
        Map<FetchException.Kind, Reason> expected = Map.of(
                FetchException.Kind.REFUSED, Reason.REFUSED_URI,
                FetchException.Kind.UNSUPPORTED_SCHEME, Reason.UNSUPPORTED_URI,
                FetchException.Kind.NOT_FOUND, Reason.NOT_FOUND,
                FetchException.Kind.TOO_LARGE, Reason.TOO_LARGE,
                FetchException.Kind.TIMEOUT, Reason.TIMEOUT,
                FetchException.Kind.FAILED, Reason.FETCH_FAILED);
        expected.forEach((kind, reason) -> {
            String uri = "s3://bucket/" + kind.name().toLowerCase() + ".png";
            fetcher.answers.put(uri, new FetchException(kind, "because " + kind));
            Outcome.Dead d = dead("id-" + kind, uri);
            assertThat(d.reason()).as(kind.name()).isEqualTo(reason);
            assertThat(d.message()).isEqualTo("because " + kind);
            assertThat(d.exceptionClass()).isEqualTo(FetchException.class.getName());
            assertThat(d.timings().fetchNanos()).isPositive();
        });
    }

    @Test
    void unavailableStoreIsRetriedNotDeadLettered() {
        fetcher.answers.put("s3://bucket/a.png", new FetchException(FetchException.Kind.UNAVAILABLE, "S3 is down"));
        Outcome o = run("a", "s3://bucket/a.png");
        assertThat(o).isInstanceOf(Outcome.Unavailable.class);
        assertThat(((Outcome.Unavailable) o).message()).isEqualTo("S3 is down");
        fetcher.answers.put("s3://bucket/a.png", png);
        assertThat(run("a", "s3://bucket/a.png")).isInstanceOf(Outcome.Pair.class);
    }

    @Test
    void decodeFailuresMapToTheirReasons() {
        byte[] jpeg = TestImages.jpeg(TestImages.noise(64, 48, 3), 0.9f);
        Map<String, byte[]> bodies = Map.of(
                "empty", new byte[0],
                "magic",
                        "GIF87a-not-really-an-image-but-text"
                                .replace("GIF87a", "HELLO!")
                                .getBytes(StandardCharsets.US_ASCII),
                "png-cut", Arrays.copyOf(png, png.length - 20),
                "jpeg-cut", Arrays.copyOf(jpeg, jpeg.length / 2),
                "bomb", TestImages.pngClaiming(65535, 65535));
        Map<String, Reason> expected = Map.of(
                "empty",
                Reason.UNDECODABLE,
                "magic",
                Reason.UNDECODABLE,
                "png-cut",
                Reason.UNDECODABLE,
                "jpeg-cut",
                Reason.UNDECODABLE,
                "bomb",
                Reason.TOO_LARGE);
        bodies.forEach((name, body) -> {
            fetcher.answers.put("s3://bucket/" + name, body);
            Outcome.Dead d = dead(name, "s3://bucket/" + name);
            assertThat(d.reason()).as(name).isEqualTo(expected.get(name));
            assertThat(d.exceptionClass()).isEqualTo(DecodeException.class.getName());
            assertThat(d.timings().decodeNanos()).isPositive();
        });
        assertThat(pipeline.cache().size()).isZero();
    }

    @Test
    void unexpectedFailuresAreInternalAndNeverThrown() {
        fetcher.answers.put("s3://bucket/npe", new NullPointerException("boom"));
        fetcher.answers.put("s3://bucket/err", new StackOverflowError());
        Outcome.Dead npe = dead("a", "s3://bucket/npe");
        assertThat(npe.reason()).isEqualTo(Reason.INTERNAL);
        assertThat(npe.message()).isEqualTo("unexpected NullPointerException: boom");
        assertThat(npe.exceptionClass()).isEqualTo(NullPointerException.class.getName());
        Outcome.Dead err = dead("b", "s3://bucket/err");
        assertThat(err.reason()).isEqualTo(Reason.INTERNAL);
        assertThat(err.message()).isEqualTo("unexpected StackOverflowError");
    }

    @Test
    void builderNamesMissingParts() {
        assertThatThrownBy(() -> ImagePipeline.builder().build()).hasMessageContaining("setFetcher");
        assertThatThrownBy(() -> ImagePipeline.builder()
                        .setFetcher(fetcher)
                        .setDecoder(ImageDecoder.withDefaults())
                        .setFactory(new ViewPairFactory(PolicyConfig.simclr(8, 1)))
                        .build())
                .hasMessageContaining("setRunSeed");
    }
}
