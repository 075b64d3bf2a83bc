package dev.simclr.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.contracts.ImageRef;
import dev.simclr.launcher.UserException;
import dev.simclr.launcher.images.ImportItem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code simclr import} of an IDX directory selects the train split unless {@code --split} says otherwise. */
class ImportCommandTest {

    @TempDir
    Path tmp;

    private static byte[] idx(int[] dims, int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + dataBytes);
        b.put((byte) 0).put((byte) 0).put((byte) 8).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.array();
    }

    /** Fashion-MNIST's layout: {@code train} with {@code train} images of 2×2, {@code t10k} with {@code test}. */
    private Path fashion(String name, int train, int test) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        if (train > 0) {
            Files.write(dir.resolve("train-images-idx3-ubyte"), idx(new int[] {train, 2, 2}, 4 * train));
            Files.write(dir.resolve("train-labels-idx1-ubyte"), idx(new int[] {train}, train));
        }
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), idx(new int[] {test, 2, 2}, 4 * test));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), idx(new int[] {test}, test));
        return dir;
    }

    private static List<ImportItem> items(String... args) {
        ImportCommand cmd = new ImportCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd.items();
    }

    @Test
    void anIdxDirectoryImportsOnlyTheTrainSplitByDefault() throws IOException {
        Path dir = fashion("fmnist", 5, 3);
        List<ImportItem> items = items(dir.toString());
        assertThat(items).hasSize(5).allSatisfy(i -> {
            assertThat(i.split()).isEqualTo("train");
            assertThat(i.id()).startsWith("fmnist-train-");
            assertThat(i.key()).startsWith("fmnist/train/");
        });
        ImageRef ref = items.get(0).ref("s3://simclr-data/fmnist/train/00000.png");
        assertThat(ref.split())
                .as("the split is recorded in the pushed ImageRef")
                .isEqualTo("train");
    }

    @Test
    void splitSelectsAnotherSplit() throws IOException {
        Path dir = fashion("fmnist", 5, 3);
        assertThat(items("--split", "test", dir.toString()))
                .hasSize(3)
                .allMatch(i -> i.split().equals("test"));
        assertThat(items("--split", "train", "--limit", "2", dir.toString()))
                .hasSize(2)
                .allMatch(i -> i.split().equals("train"));
        assertThatThrownBy(() -> items("--split", "val", dir.toString()))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("no IDX files for split 'val' (found: test, train)");
    }

    @Test
    void aDirectoryWithoutTrainFilesNeedsSplit() throws IOException {
        Path dir = fashion("only-test", 0, 3);
        assertThatThrownBy(() -> items(dir.toString()))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("no IDX files for split 'train' (found: test); choose one with --split");
        assertThat(items("--split", "test", dir.toString())).hasSize(3);
    }
}
