package dev.simclr.launcher.cli;

import dev.simclr.launcher.UserException;
import dev.simclr.launcher.images.IdxSource;
import java.nio.file.Path;

/**
 * The demo's Fashion-MNIST: {@code --dataset} when given, else the full set of the Debian package
 * {@code dataset-fashion-mnist}, else the 10k/2k subset bundled in the repository.
 *
 * @param dir the IDX directory (also the evaluator's eval set)
 * @param description how it was chosen, for the banner
 */
record DemoDataset(Path dir, String description) {

    /** The Debian package's directory. */
    static final Path SYSTEM = Path.of("/usr/share/datasets/fashion-mnist");

    static DemoDataset locate(Path option, Path repoRoot) {
        if (option != null) {
            requireTrainAndTest(option);
            return new DemoDataset(option.toAbsolutePath().normalize(), "from --dataset");
        }
        if (hasTrainAndTest(SYSTEM)) {
            return new DemoDataset(SYSTEM, "full set, 60,000 train / 10,000 test");
        }
        Path bundled = repoRoot.resolve("datasets/fashion-mnist-subset");
        requireTrainAndTest(bundled);
        return new DemoDataset(
                bundled, "bundled subset, 10,000 train / 2,000 test (install dataset-fashion-mnist for the full set)");
    }

    private static boolean hasTrainAndTest(Path dir) {
        return IdxSource.isIdxDirectory(dir)
                && IdxSource.pairs(dir).keySet().containsAll(java.util.List.of("train", "test"));
    }

    private static void requireTrainAndTest(Path dir) {
        if (!hasTrainAndTest(dir)) {
            throw new UserException(dir + ": expected Fashion-MNIST IDX files (train-images-idx3-ubyte.gz,"
                    + " train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz)");
        }
    }
}
