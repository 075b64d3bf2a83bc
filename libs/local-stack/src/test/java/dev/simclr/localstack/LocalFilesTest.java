package dev.simclr.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFilesTest {

    @Test
    void bucketNamesFollowS3Rules() {
        assertThat(LocalFiles.requireBucketName("simclr-test")).isEqualTo("simclr-test");
        assertThat(LocalFiles.requireBucketName("a.b1")).isEqualTo("a.b1");
        for (String bad : new String[] {"ab", "Upper", "-start", "end-", "a..b", "under_score", "x".repeat(64)}) {
            assertThatThrownBy(() -> LocalFiles.requireBucketName(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid bucket name");
        }
    }

    @Test
    void freePortsAreDistinct() {
        int[] ports = LocalFiles.freePorts(3);
        assertThat(ports).doesNotHaveDuplicates();
        assertThat(java.util.Arrays.stream(ports).boxed().toList()).allMatch(p -> p > 0 && p < 65536);
    }

    @Test
    void tailKeepsTheLastLines(@TempDir Path tmp) throws IOException {
        Path f = Files.writeString(tmp.resolve("log"), "1\n2\n3\n4\n");
        assertThat(LocalFiles.tail(f, 2)).isEqualTo("3" + System.lineSeparator() + "4");
        assertThat(LocalFiles.tail(tmp.resolve("missing"), 2)).startsWith("(cannot read");
    }

    @Test
    void deleteTreeRemovesNestedFiles(@TempDir Path tmp) throws IOException {
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/b/c.txt"), "x");
        LocalFiles.deleteTree(root);
        assertThat(root).doesNotExist();
        LocalFiles.deleteTree(root);
    }
}
