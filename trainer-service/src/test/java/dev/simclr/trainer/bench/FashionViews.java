package dev.simclr.trainer.bench;

import dev.simclr.augment.idx.IdxFile;
import dev.simclr.contracts.ViewPair;
import dev.simclr.contracts.ViewPairCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Realistic-looking 224 px RGB view pairs for the intake bench, encoded as {@code simclr.views} values: each view is a
 * random resized crop (area 0.3..1) of a Fashion-MNIST training image, upscaled bilinearly to the view size, flipped
 * with p = 0.5, and tinted with a random colour per view (the image's grey levels mapped between a dark and a light
 * random RGB colour), plus optional Gaussian noise. Smooth like real upscaled views, so compression ratios are those of
 * smooth content; random pixels would not compress at all, and photos with sensor noise lie in between ({@code noise}).
 */
final class FashionViews {

    private static final int SIDE = 28;

    private final byte[] images;
    private final int count;

    private FashionViews(byte[] images, int count) {
        this.images = images;
        this.count = count;
    }

    /** Reads {@code train-images-idx3-ubyte.gz} from the Fashion-MNIST directory. */
    static FashionViews load(Path dir) throws IOException {
        IdxFile idx = IdxFile.read(dir.resolve("train-images-idx3-ubyte.gz")).requireRank(3, "count, rows, columns");
        if (idx.dims()[1] != SIDE || idx.dims()[2] != SIDE) {
            throw new IOException("expected 28x28 images in " + dir);
        }
        return new FashionViews(idx.data(), idx.count());
    }

    /**
     * Encodes {@code pairs} distinct pairs (images 0, 1, 2, ...).
     *
     * @param size the view side (224)
     * @param noise standard deviation of added Gaussian noise in grey levels (0 = none)
     * @param seed drawing seed
     */
    List<byte[]> encodedPairs(int pairs, int size, double noise, long seed) {
        List<byte[]> out = new ArrayList<>(pairs);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < pairs; i++) {
            int image = i % count;
            long pairSeed = rng.nextLong();
            SplittableRandom r = new SplittableRandom(pairSeed);
            byte[] v1 = view(image, size, noise, r);
            byte[] v2 = view(image, size, noise, r);
            out.add(ViewPairCodec.encode(
                    new ViewPair("fashion-mnist/train/" + image, 0, pairSeed, size, size, 3, v1, v2)));
        }
        return out;
    }

    private byte[] view(int image, int size, double noise, SplittableRandom r) {
        double area = 0.3 + 0.7 * r.nextDouble();
        double aspect = Math.exp(Math.log(3.0 / 4) + r.nextDouble() * Math.log(16.0 / 9));
        double cw = Math.min(SIDE, Math.sqrt(area * aspect) * SIDE);
        double ch = Math.min(SIDE, Math.sqrt(area / aspect) * SIDE);
        double x0 = r.nextDouble() * (SIDE - cw);
        double y0 = r.nextDouble() * (SIDE - ch);
        boolean flip = r.nextBoolean();
        int[] dark = {r.nextInt(80), r.nextInt(80), r.nextInt(80)};
        int[] light = {160 + r.nextInt(96), 160 + r.nextInt(96), 160 + r.nextInt(96)};
        byte[] out = new byte[size * size * 3];
        int base = image * SIDE * SIDE;
        for (int y = 0; y < size; y++) {
            double sy = Math.min(SIDE - 1.0, Math.max(0, y0 + (y + 0.5) * ch / size - 0.5));
            int iy = Math.min(SIDE - 2, (int) sy);
            double fy = sy - iy;
            for (int x = 0; x < size; x++) {
                int xx = flip ? size - 1 - x : x;
                double sx = Math.min(SIDE - 1.0, Math.max(0, x0 + (xx + 0.5) * cw / size - 0.5));
                int ix = Math.min(SIDE - 2, (int) sx);
                double fx = sx - ix;
                int p = base + iy * SIDE + ix;
                double top = (images[p] & 0xff) * (1 - fx) + (images[p + 1] & 0xff) * fx;
                double bottom = (images[p + SIDE] & 0xff) * (1 - fx) + (images[p + SIDE + 1] & 0xff) * fx;
                double g = (top * (1 - fy) + bottom * fy) / 255.0;
                int o = (y * size + x) * 3;
                for (int c = 0; c < 3; c++) {
                    double v = dark[c] + g * (light[c] - dark[c]);
                    if (noise > 0) {
                        v += noise * gaussian(r);
                    }
                    out[o + c] = (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
                }
            }
        }
        return out;
    }

    private static double gaussian(SplittableRandom r) {
        double u = Math.max(1e-12, r.nextDouble());
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
