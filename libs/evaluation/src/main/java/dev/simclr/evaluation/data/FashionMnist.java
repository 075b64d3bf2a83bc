package dev.simclr.evaluation.data;

import dev.simclr.augment.idx.IdxFile;
import dev.simclr.contracts.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fashion-MNIST from its four IDX files in a directory ({@code train-images-idx3-ubyte.gz},
 * {@code train-labels-idx1-ubyte.gz}, {@code t10k-images-idx3-ubyte.gz}, {@code t10k-labels-idx1-ubyte.gz}; the
 * uncompressed names are accepted too): 60,000 train and 10,000 test 28x28 grey images, 10 classes. The identity is the
 * sha256 of the four files' contents.
 */
public final class FashionMnist implements EvalSetSource {

    /** Where the Debian package {@code dataset-fashion-mnist} puts the files. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /** The eval-set name. */
    public static final String NAME = "fashion-mnist";

    /** Image side of the files. */
    public static final int SIDE = 28;

    /** Class names, index = label. */
    public static final List<String> CLASS_NAMES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static final Logger LOG = LoggerFactory.getLogger(FashionMnist.class);
    private static final String[] FILES = {
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"
    };

    private final Path dir;
    private String identity;

    private FashionMnist(Path dir) {
        this.dir = dir;
    }

    /** The data set in {@code dir}; nothing is read until {@link #identity()} or {@link #load}. */
    public static FashionMnist at(Path dir) {
        if (dir == null) {
            throw new IllegalArgumentException("Fashion-MNIST directory is required");
        }
        return new FashionMnist(dir);
    }

    /** The data set in {@link #DEFAULT_DIR}. */
    public static FashionMnist atDefaultLocation() {
        return at(DEFAULT_DIR);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized String identity() {
        if (identity == null) {
            try {
                MessageDigest sha = Sha256.newDigest();
                byte[] buf = new byte[1 << 16];
                for (String f : FILES) {
                    try (InputStream in = new DigestInputStream(Files.newInputStream(file(f)), sha)) {
                        while (in.read(buf) >= 0) {
                            // digest only
                        }
                    }
                }
                identity = NAME + ":sha256=" + HexFormat.of().formatHex(sha.digest());
            } catch (IOException e) {
                throw new EvalSetException(dir + ": cannot read Fashion-MNIST (" + e + ")", e);
            }
        }
        return identity;
    }

    @Override
    public EvalSet load(Preprocessing preprocessing) {
        return load(preprocessing, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /** Preprocesses only the first {@code maxTrain} / {@code maxTest} images of each split. */
    @Override
    public EvalSet load(Preprocessing preprocessing, int maxTrain, int maxTest) {
        long t0 = System.nanoTime();
        LabelledImages train = split(FILES[0], FILES[1], preprocessing, maxTrain);
        LabelledImages test = split(FILES[2], FILES[3], preprocessing, maxTest);
        EvalSet set = new EvalSet(NAME, identity(), preprocessing, CLASS_NAMES, train, test);
        LOG.info(
                "loaded {} from {} ({} train, {} test, {}) in {} ms",
                NAME,
                dir,
                train.count(),
                test.count(),
                preprocessing.key(),
                (System.nanoTime() - t0) / 1_000_000);
        return set;
    }

    private LabelledImages split(String imagesName, String labelsName, Preprocessing p, int max) {
        IdxFile images;
        IdxFile labels;
        try {
            images = IdxFile.read(file(imagesName));
            labels = IdxFile.read(file(labelsName));
            IdxFile.requireLabelled(images, labels);
        } catch (IOException e) {
            throw new EvalSetException(e.getMessage(), e);
        }
        int[] dims = images.dims();
        if (dims[1] != SIDE || dims[2] != SIDE) {
            throw new EvalSetException(
                    images.source() + ": expected " + SIDE + "x" + SIDE + " images, got " + dims[1] + "x" + dims[2]);
        }
        int n = Math.min(images.count(), max);
        int[] y = new int[n];
        byte[] rawLabels = labels.data();
        for (int i = 0; i < n; i++) {
            y[i] = rawLabels[i] & 0xFF;
            if (y[i] >= CLASS_NAMES.size()) {
                throw new EvalSetException(labels.source() + ": label " + y[i] + " of item " + i
                        + " is out of range 0.." + (CLASS_NAMES.size() - 1));
            }
        }
        byte[] src = images.data();
        int srcBytes = SIDE * SIDE;
        byte[] out;
        if (p.height() == SIDE && p.width() == SIDE && p.channels() == 1) {
            out = n == images.count() ? src : java.util.Arrays.copyOf(src, n * srcBytes);
        } else {
            out = new byte[LabelledImages.totalBytes(n, p.imageBytes(), NAME)];
            for (int i = 0; i < n; i++) {
                p.apply(src, i * srcBytes, SIDE, SIDE, 1, out, i * p.imageBytes());
            }
        }
        return new LabelledImages(p.height(), p.width(), p.channels(), out, y);
    }

    private Path file(String base) {
        Path gz = dir.resolve(base + ".gz");
        if (Files.exists(gz)) {
            return gz;
        }
        Path plain = dir.resolve(base);
        if (Files.exists(plain)) {
            return plain;
        }
        throw new EvalSetException(dir + ": Fashion-MNIST file " + base + ".gz (or " + base + ") not found");
    }
}
