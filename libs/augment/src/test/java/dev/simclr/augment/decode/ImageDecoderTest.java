package dev.simclr.augment.decode;

import static dev.simclr.augment.testing.TestImages.concat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.augment.DecodedImage;
import dev.simclr.augment.testing.TestImages;
import java.awt.Color;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {

    private final ImageDecoder decoder = ImageDecoder.withDefaults();

    private static DecodeException.Kind kindOf(ImageDecoder d, byte[] data) {
        try {
            d.decode(data);
        } catch (DecodeException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
            return e.kind();
        }
        throw new AssertionError("decode succeeded");
    }

    @Test
    void pngRoundTripsExactly() {
        BufferedImage src = TestImages.gradient(37, 23);
        DecodedImage img = decoder.decode(TestImages.encode(src, "png"));
        assertThat(img.width()).isEqualTo(37);
        assertThat(img.height()).isEqualTo(23);
        assertThat(img.channels()).isEqualTo(3);
        for (int y = 0; y < 23; y++) {
            for (int x = 0; x < 37; x++) {
                Color c = new Color(src.getRGB(x, y));
                assertThat(new int[] {img.sample(y, x, 0), img.sample(y, x, 1), img.sample(y, x, 2)})
                        .containsExactly(c.getRed(), c.getGreen(), c.getBlue());
            }
        }
    }

    @Test
    void greyPngStaysOneChannel() {
        BufferedImage grey = new BufferedImage(5, 4, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(2, 1, 0, 200);
        DecodedImage img = decoder.decode(TestImages.encode(grey, "png"));
        assertThat(img.channels()).isEqualTo(1);
        assertThat(img.sample(1, 2, 0)).isEqualTo(200);
        assertThat(img.sample(0, 0, 0)).isZero();
    }

    @Test
    void sixteenBitPngsAreScaledToEightBits() {
        BufferedImage grey16 = new BufferedImage(3, 2, BufferedImage.TYPE_USHORT_GRAY);
        grey16.getRaster().setSample(0, 0, 0, 65535);
        grey16.getRaster().setSample(1, 0, 0, 257 * 100);
        grey16.getRaster().setSample(2, 0, 0, 257 * 100 + 120);
        DecodedImage g = decoder.decode(TestImages.encode(grey16, "png"));
        assertThat(g.channels()).isEqualTo(1);
        assertThat(new int[] {g.sample(0, 0, 0), g.sample(0, 1, 0), g.sample(0, 2, 0), g.sample(1, 0, 0)})
                .containsExactly(255, 100, 100, 0);

        ComponentColorModel cm = new ComponentColorModel(
                ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster r = cm.createCompatibleWritableRaster(2, 1);
        r.setPixel(0, 0, new int[] {65535, 0, 257 * 37});
        r.setPixel(1, 0, new int[] {257 * 128, 65535, 0});
        DecodedImage rgb = decoder.decode(TestImages.encode(new BufferedImage(cm, r, false, null), "png"));
        assertThat(rgb.channels()).isEqualTo(3);
        assertThat(rgb.pixels()).containsExactly(255, 0, 37, 128, 255, 0);
    }

    @Test
    void palettePngIsExpandedToRgb() {
        byte[] reds = {(byte) 255, 0, 10};
        byte[] greens = {0, (byte) 200, 20};
        byte[] blues = {0, 50, 30};
        IndexColorModel icm = new IndexColorModel(2, 3, reds, greens, blues);
        BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_BINARY, icm);
        img.getRaster().setSample(0, 0, 0, 0);
        img.getRaster().setSample(1, 0, 0, 1);
        img.getRaster().setSample(2, 0, 0, 2);
        DecodedImage out = decoder.decode(TestImages.encode(img, "png"));
        assertThat(out.channels()).isEqualTo(3);
        assertThat(out.pixels()).containsExactly(255, 0, 0, 0, 200, 50, 10, 20, 30);
    }

    @Test
    void greyAlphaPngDropsAlpha() {
        ComponentColorModel cm = new ComponentColorModel(
                ColorSpace.getInstance(ColorSpace.CS_GRAY),
                true,
                false,
                Transparency.TRANSLUCENT,
                DataBuffer.TYPE_BYTE);
        WritableRaster r = cm.createCompatibleWritableRaster(2, 1);
        r.setPixel(0, 0, new int[] {90, 0});
        r.setPixel(1, 0, new int[] {180, 255});
        DecodedImage out = decoder.decode(TestImages.encode(new BufferedImage(cm, r, false, null), "png"));
        assertThat(out.channels()).isEqualTo(1);
        assertThat(out.pixels()).containsExactly(90, 180);
    }

    @Test
    void rgbaPngDropsAlphaWithoutCompositing() {
        BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, new Color(200, 100, 50, 10).getRGB());
        DecodedImage out = decoder.decode(TestImages.encode(img, "png"));
        assertThat(out.channels()).isEqualTo(3);
        assertThat(out.pixels()).containsExactly(200, 100, 50);
    }

    @Test
    void truncatedPngIsTruncated() {
        byte[] png = TestImages.encode(TestImages.noise(64, 64, 1), "png");
        assertThat(kindOf(decoder, Arrays.copyOf(png, png.length / 2))).isEqualTo(DecodeException.Kind.TRUNCATED);
        assertThat(kindOf(decoder, Arrays.copyOf(png, png.length - 12))).isEqualTo(DecodeException.Kind.TRUNCATED);
        assertThat(kindOf(decoder, Arrays.copyOf(png, 20))).isEqualTo(DecodeException.Kind.TRUNCATED);
    }

    @Test
    void pngWithBadCrcIsCorrupt() {
        byte[] png = TestImages.encode(TestImages.noise(16, 16, 2), "png");
        png[60] ^= 0x55; // inside the IDAT data
        assertThat(kindOf(decoder, png)).isEqualTo(DecodeException.Kind.CORRUPT);
    }

    @Test
    void pngClaimingHugeSizeIsRefusedBeforeDecoding() {
        DecodeException e = catchDecode(TestImages.pngClaiming(65535, 65535));
        assertThat(e.kind()).isEqualTo(DecodeException.Kind.TOO_LARGE);
        assertThat(e.getMessage()).contains("65535x65535");
    }

    @Test
    void sideLimitApplies() {
        ImageDecoder small = ImageDecoder.builder().optMaxSide(30).build();
        assertThat(kindOf(small, TestImages.encode(TestImages.gradient(31, 5), "png")))
                .isEqualTo(DecodeException.Kind.TOO_LARGE);
        assertThat(small.decode(TestImages.encode(TestImages.gradient(30, 5), "png"))
                        .width())
                .isEqualTo(30);
    }

    @Test
    void byteBudgetApplies() {
        byte[] png = TestImages.encode(TestImages.noise(32, 32, 3), "png");
        ImageDecoder tight = ImageDecoder.builder().optMaxBytes(png.length - 1).build();
        DecodeException e = catchDecode(tight, png);
        assertThat(e.kind()).isEqualTo(DecodeException.Kind.TOO_LARGE);
        assertThat(e.getMessage()).contains("budget");
    }

    @Test
    void hugeTextChunksAreSkippedNotInflated() {
        BufferedImage src = TestImages.gradient(8, 8);
        byte[] png = TestImages.encode(src, "png");
        byte[] text = new byte[4 << 20];
        Arrays.fill(text, (byte) 'a');
        System.arraycopy("Comment\0".getBytes(StandardCharsets.US_ASCII), 0, text, 0, 8);
        byte[] bigText = TestImages.insertAfterIhdr(png, TestImages.pngChunk("tEXt", text));
        byte[] bomb = new byte[64 << 20]; // 64 MiB of zeros: a ~64 KiB zTXt chunk
        byte[] ztxt = concat("Comment\0\0".getBytes(StandardCharsets.US_ASCII), TestImages.deflate(bomb));
        byte[] zBomb = TestImages.insertAfterIhdr(png, TestImages.pngChunk("zTXt", ztxt));
        DecodedImage plain = decoder.decode(png);
        assertThat(decoder.decode(bigText)).isEqualTo(plain);
        assertThat(decoder.decode(zBomb)).isEqualTo(plain);
    }

    @Test
    void jpegDecodesCloseToSource() {
        BufferedImage src = TestImages.halves(32, 16, new Color(220, 30, 30), new Color(20, 40, 230));
        DecodedImage img = decoder.decode(TestImages.jpeg(src, 0.95f));
        assertThat(img.width()).isEqualTo(32);
        assertThat(img.channels()).isEqualTo(3);
        assertThat(img.sample(8, 4, 0)).isBetween(200, 240);
        assertThat(img.sample(8, 28, 2)).isBetween(210, 250);
    }

    @Test
    void jpegDecodesToTheSamePixelsAsTheJdkReader() throws Exception {
        byte[] jpeg = TestImages.jpeg(TestImages.noise(57, 31, 9), 0.9f);
        BufferedImage reference = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
        DecodedImage img = decoder.decode(jpeg);
        for (int y = 0; y < 31; y++) {
            for (int x = 0; x < 57; x++) {
                Color c = new Color(reference.getRGB(x, y));
                assertThat(new int[] {img.sample(y, x, 0), img.sample(y, x, 1), img.sample(y, x, 2)})
                        .containsExactly(c.getRed(), c.getGreen(), c.getBlue());
            }
        }
    }

    @Test
    void jpegWithANonSrgbIccProfileIsConverted() {
        BufferedImage src = TestImages.halves(32, 16, new Color(200, 40, 40), new Color(40, 40, 200));
        byte[] profile =
                java.awt.color.ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
        byte[] header = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
        int length = 2 + header.length + 2 + profile.length;
        byte[] app2 = concat(
                new byte[] {(byte) 0xFF, (byte) 0xE2, (byte) (length >> 8), (byte) length},
                header,
                new byte[] {1, 1},
                profile);
        DecodedImage img = decoder.decode(TestImages.insertAfterSoi(TestImages.jpeg(src, 0.95f), app2));
        assertThat(img.width()).isEqualTo(32);
        assertThat(img.channels()).isEqualTo(3);
        assertThat(img.sample(8, 4, 0)).isGreaterThan(img.sample(8, 4, 2) + 50); // still reddish on the left
        assertThat(img.sample(8, 28, 2)).isGreaterThan(img.sample(8, 28, 0) + 50);
    }

    @Test
    void truncatedJpegIsTruncated() {
        byte[] jpeg = TestImages.jpeg(TestImages.noise(64, 64, 4), 0.9f);
        assertThat(kindOf(decoder, Arrays.copyOf(jpeg, jpeg.length * 2 / 3))).isEqualTo(DecodeException.Kind.TRUNCATED);
        assertThat(kindOf(decoder, Arrays.copyOf(jpeg, jpeg.length - 2))).isEqualTo(DecodeException.Kind.TRUNCATED);
        assertThat(kindOf(decoder, Arrays.copyOf(jpeg, 100))).isEqualTo(DecodeException.Kind.TRUNCATED);
    }

    @Test
    void jpegWithThousandsOfScansIsRefusedBeforeDecoding() {
        byte[] jpeg = TestImages.jpeg(TestImages.gradient(16, 16), 0.9f);
        int sos = 2;
        while (!((jpeg[sos] & 0xFF) == 0xFF && (jpeg[sos + 1] & 0xFF) == 0xDA)) {
            sos++;
        }
        // repeat a minimal (empty) scan header many times before the real one
        byte[] emptyScan = {(byte) 0xFF, (byte) 0xDA, 0, 8, 1, 1, 0, 0, 63, 0};
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(jpeg, 0, sos);
        for (int i = 0; i < 2000; i++) {
            out.writeBytes(emptyScan);
        }
        out.write(jpeg, sos, jpeg.length - sos);
        DecodeException e = catchDecode(out.toByteArray());
        assertThat(e.kind()).isEqualTo(DecodeException.Kind.TOO_LARGE);
        assertThat(e.getMessage()).contains("scans");
    }

    @Test
    void jpegWithDamagedScanDataIsCorrupt() {
        byte[] jpeg = TestImages.jpeg(TestImages.noise(64, 64, 11), 0.9f);
        for (int i = jpeg.length / 2; i < jpeg.length / 2 + 300; i++) {
            jpeg[i] = (byte) 0x7E; // garbage, but no 0xFF so the marker structure stays intact
        }
        DecodeException e = catchDecode(jpeg);
        assertThat(e.kind()).isEqualTo(DecodeException.Kind.CORRUPT);
        assertThat(e.getMessage()).contains("JPEG reader warning");
    }

    @Test
    void jpegWithTrailingBytesAfterEoiIsAccepted() {
        byte[] jpeg = TestImages.jpeg(TestImages.gradient(16, 16), 0.9f);
        DecodedImage img = decoder.decode(concat(jpeg, new byte[] {0, 0, 0, 0}));
        assertThat(img).isEqualTo(decoder.decode(jpeg));
    }

    @Test
    void exifOrientationRotatesTheOutput() {
        BufferedImage src = TestImages.halves(40, 20, Color.RED, Color.BLUE);
        byte[] jpeg = TestImages.jpeg(src, 0.95f);
        DecodedImage rotated = decoder.decode(TestImages.insertAfterSoi(jpeg, TestImages.exifOrientationSegment(6)));
        assertThat(rotated.width()).isEqualTo(20);
        assertThat(rotated.height()).isEqualTo(40);
        // rotated 90 degrees clockwise: the left (red) half is now on top
        assertThat(rotated.sample(5, 10, 0)).isGreaterThan(200);
        assertThat(rotated.sample(5, 10, 2)).isLessThan(60);
        assertThat(rotated.sample(35, 10, 2)).isGreaterThan(200);
        DecodedImage ccw = decoder.decode(TestImages.insertAfterSoi(jpeg, TestImages.exifOrientationSegment(8)));
        assertThat(ccw.sample(35, 10, 0)).isGreaterThan(200);
        DecodedImage mirrored = decoder.decode(TestImages.insertAfterSoi(jpeg, TestImages.exifOrientationSegment(2)));
        assertThat(mirrored.width()).isEqualTo(40);
        assertThat(mirrored.sample(10, 35, 0)).isGreaterThan(200);
    }

    @Test
    void cmykAndYcckJpegsAreConvertedToRgb() {
        int[] redInk = {0, 255, 255, 0}; // no cyan, full magenta and yellow: red
        for (byte[] jpeg : new byte[][] {CmykJpeg.cmyk(24, 16, redInk), CmykJpeg.ycck(24, 16, redInk)}) {
            DecodedImage img = decoder.decode(jpeg);
            assertThat(img.channels()).isEqualTo(3);
            assertThat(img.width()).isEqualTo(24);
            assertThat(img.sample(8, 12, 0)).isGreaterThan(180);
            assertThat(img.sample(8, 12, 1)).isLessThan(90);
            assertThat(img.sample(8, 12, 2)).isLessThan(90);
        }
    }

    @Test
    void animatedGifUsesTheFirstFrame() {
        byte[] gif = TestImages.animatedGif(6, 5, Color.RED, Color.GREEN, Color.BLUE);
        DecodedImage img = decoder.decode(gif);
        assertThat(img.width()).isEqualTo(6);
        assertThat(img.height()).isEqualTo(5);
        assertThat(img.channels()).isEqualTo(3);
        assertThat(Arrays.copyOf(img.pixels(), 3)).containsExactly(255, 0, 0);
    }

    @Test
    void gifLogicalScreenAndFrameAreBothChecked() {
        DecodedImage tiny = decoder.decode(TestImages.gifClaiming(1, 1, 1, 1));
        assertThat(tiny.pixels()).containsExactly(255);
        DecodeException screen = catchDecode(TestImages.gifClaiming(65535, 65535, 1, 1));
        assertThat(screen.kind()).isEqualTo(DecodeException.Kind.TOO_LARGE);
        assertThat(screen.getMessage()).contains("logical screen").contains("65535x65535");
        DecodeException frame = catchDecode(TestImages.gifClaiming(1, 1, 65535, 65535));
        assertThat(frame.kind()).isEqualTo(DecodeException.Kind.TOO_LARGE);
        assertThat(frame.getMessage()).contains("first frame");
    }

    @Test
    void truncatedGifIsTruncated() {
        byte[] gif = TestImages.animatedGif(40, 40, Color.RED);
        assertThat(kindOf(decoder, Arrays.copyOf(gif, gif.length - 6))).isEqualTo(DecodeException.Kind.TRUNCATED);
    }

    @Test
    void bmpDecodesAndTruncationIsDetected() {
        BufferedImage src = TestImages.gradient(9, 7);
        byte[] bmp = TestImages.encode(src, "bmp");
        DecodedImage img = decoder.decode(bmp);
        assertThat(img).isEqualTo(decoder.decode(TestImages.encode(src, "png")));
        assertThat(kindOf(decoder, Arrays.copyOf(bmp, bmp.length - 10))).isEqualTo(DecodeException.Kind.TRUNCATED);
    }

    @Test
    void webpLosslessDecodesExactly() {
        // 6x4 lossless WebP made with Pillow: pixel (x, y) = (40x, 60y, x < 3 ? 200 : 20)
        byte[] webp = Base64.getDecoder()
                .decode("UklGRjQAAABXRUJQVlA4TCgAAAAvBcAAAJkyRPQ/NhHR/4BBtpEKdv5id/8MgyIQSAIcfKyYAJZMCugf");
        DecodedImage img = decoder.decode(webp);
        assertThat(img.width()).isEqualTo(6);
        assertThat(img.height()).isEqualTo(4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 6; x++) {
                assertThat(new int[] {img.sample(y, x, 0), img.sample(y, x, 1), img.sample(y, x, 2)})
                        .containsExactly(40 * x, 60 * y, x < 3 ? 200 : 20);
            }
        }
        assertThat(kindOf(decoder, Arrays.copyOf(webp, webp.length - 8))).isEqualTo(DecodeException.Kind.TRUNCATED);
    }

    @Test
    void emptyAndUnknownInputsAreRefusedClearly() {
        assertThat(kindOf(decoder, new byte[0])).isEqualTo(DecodeException.Kind.EMPTY);
        DecodeException e = catchDecode("hello, world".getBytes(StandardCharsets.US_ASCII));
        assertThat(e.kind()).isEqualTo(DecodeException.Kind.UNSUPPORTED_FORMAT);
        assertThat(e.getMessage()).contains("unrecognised image format");
        assertThat(kindOf(decoder, new byte[] {(byte) 0x89, 'P', 'N'}))
                .isEqualTo(DecodeException.Kind.UNSUPPORTED_FORMAT);
        assertThat(kindOf(decoder, "II*\0rest-of-a-tiff".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(DecodeException.Kind.UNSUPPORTED_FORMAT);
    }

    @Test
    void slowDecodeTimesOut() {
        byte[] png = TestImages.encode(TestImages.noise(2000, 2000, 5), "png");
        ImageDecoder hurried =
                ImageDecoder.builder().optTimeout(Duration.ofMillis(1)).build();
        DecodeException e = catchDecode(hurried, png);
        assertThat(e.kind()).isEqualTo(DecodeException.Kind.TIMEOUT);
        assertThat(e.getMessage()).contains("aborted");
    }

    private DecodeException catchDecode(byte[] data) {
        return catchDecode(decoder, data);
    }

    private static DecodeException catchDecode(ImageDecoder d, byte[] data) {
        try {
            d.decode(data);
        } catch (DecodeException e) {
            return e;
        }
        throw new AssertionError("decode succeeded");
    }
}
