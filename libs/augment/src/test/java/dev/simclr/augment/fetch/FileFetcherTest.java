package dev.simclr.augment.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFetcherTest {

    @TempDir
    Path tmp;

    private Path root;
    private Path outside;
    private FileFetcher fetcher;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("images"));
        outside = Files.createDirectories(tmp.resolve("secret"));
        Files.write(root.resolve("a.png"), new byte[] {1, 2, 3});
        Files.createDirectories(root.resolve("sub"));
        Files.write(root.resolve("sub/b.jpg"), new byte[] {4, 5});
        Files.write(outside.resolve("passwd"), new byte[] {9, 9, 9});
        fetcher = FileFetcher.underRoots(List.of(root));
    }

    private FetchException.Kind kindOf(URI uri) {
        try {
            fetcher.fetch(uri, 1 << 20);
        } catch (FetchException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
            return e.kind();
        }
        throw new AssertionError("fetch succeeded for " + uri);
    }

    @Test
    void readsFilesUnderTheRoot() {
        assertThat(fetcher.fetch(root.resolve("a.png").toUri(), 100)).containsExactly(1, 2, 3);
        assertThat(fetcher.fetch(root.resolve("sub/b.jpg").toUri(), 100)).containsExactly(4, 5);
        assertThat(fetcher.fetch(
                        URI.create("file://localhost"
                                + root.resolve("a.png").toUri().getRawPath()),
                        100))
                .containsExactly(1, 2, 3);
    }

    @Test
    void refusesPathsOutsideTheRoots() {
        assertThat(kindOf(outside.resolve("passwd").toUri())).isEqualTo(FetchException.Kind.REFUSED);
        assertThat(kindOf(URI.create("file:///etc/passwd"))).isEqualTo(FetchException.Kind.REFUSED);
        // a missing file outside the roots is REFUSED too (no existence oracle), inside it is NOT_FOUND
        assertThat(kindOf(outside.resolve("nope").toUri())).isEqualTo(FetchException.Kind.REFUSED);
        assertThat(kindOf(root.resolve("nope.png").toUri())).isEqualTo(FetchException.Kind.NOT_FOUND);
    }

    @Test
    void refusesDotDotSegments() {
        URI sneaky = URI.create("file://" + root.toUri().getRawPath() + "sub/../../secret/passwd");
        FetchException e = catchFetch(sneaky);
        assertThat(e.kind()).isEqualTo(FetchException.Kind.REFUSED);
        assertThat(e.getMessage()).contains("'..'");
        URI inside = URI.create("file://" + root.toUri().getRawPath() + "sub/../a.png");
        assertThat(kindOf(inside)).isEqualTo(FetchException.Kind.REFUSED);
    }

    @Test
    void refusesSymlinksThatEscapeButFollowsOnesThatStayInside() throws IOException {
        Path escape = Files.createSymbolicLink(root.resolve("escape.png"), outside.resolve("passwd"));
        Path dirEscape = Files.createSymbolicLink(root.resolve("evil-dir"), outside);
        Path inside = Files.createSymbolicLink(root.resolve("alias.png"), root.resolve("a.png"));
        assertThat(kindOf(escape.toUri())).isEqualTo(FetchException.Kind.REFUSED);
        assertThat(kindOf(URI.create(dirEscape.toUri() + "/passwd"))).isEqualTo(FetchException.Kind.REFUSED);
        assertThat(fetcher.fetch(inside.toUri(), 100)).containsExactly(1, 2, 3);
    }

    @Test
    void aSymlinkedRootIsResolved() throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("root-link"), root);
        FileFetcher viaLink = FileFetcher.underRoots(List.of(link));
        assertThat(viaLink.roots()).containsExactly(root.toRealPath());
        assertThat(viaLink.fetch(link.resolve("a.png").toUri(), 100)).containsExactly(1, 2, 3);
        assertThat(viaLink.fetch(root.resolve("a.png").toUri(), 100)).containsExactly(1, 2, 3);
    }

    @Test
    void refusesNonRegularFiles() throws Exception {
        assertThat(kindOf(root.resolve("sub").toUri())).isEqualTo(FetchException.Kind.REFUSED);
        Path fifo = root.resolve("pipe");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        if (p.waitFor() == 0) {
            FetchException e = catchFetch(fifo.toUri());
            assertThat(e.kind()).isEqualTo(FetchException.Kind.REFUSED);
            assertThat(e.getMessage()).contains("not a regular file");
        }
        assertThat(kindOf(URI.create("file:///dev/null"))).isEqualTo(FetchException.Kind.REFUSED);
    }

    @Test
    void refusesRemoteHostsQueriesAndRelativeForms() {
        assertThat(kindOf(URI.create(
                        "file://fileserver" + root.resolve("a.png").toUri().getRawPath())))
                .isEqualTo(FetchException.Kind.REFUSED);
        assertThat(kindOf(URI.create(root.resolve("a.png").toUri() + "?x=1"))).isEqualTo(FetchException.Kind.REFUSED);
        assertThat(kindOf(URI.create("file:a.png"))).isEqualTo(FetchException.Kind.REFUSED);
        assertThat(kindOf(URI.create("http://example.com/a.png"))).isEqualTo(FetchException.Kind.UNSUPPORTED_SCHEME);
    }

    @Test
    void enforcesTheSizeLimit() throws IOException {
        Files.write(root.resolve("big.bin"), new byte[1000]);
        FetchException e = catchFetch(root.resolve("big.bin").toUri(), 999);
        assertThat(e.kind()).isEqualTo(FetchException.Kind.TOO_LARGE);
        assertThat(fetcher.fetch(root.resolve("big.bin").toUri(), 1000)).hasSize(1000);
    }

    @Test
    void rootsMustExist() {
        assertThatThrownBy(() -> FileFetcher.underRoots(List.of(tmp.resolve("missing"))))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> FileFetcher.underRoots(List.of())).hasMessageContaining("at least one");
        assertThatThrownBy(() -> FileFetcher.underRoots(List.of(root.resolve("a.png"))))
                .hasMessageContaining("not a directory");
    }

    private FetchException catchFetch(URI uri) {
        return catchFetch(uri, 1 << 20);
    }

    private FetchException catchFetch(URI uri, long max) {
        try {
            fetcher.fetch(uri, max);
        } catch (FetchException e) {
            return e;
        }
        throw new AssertionError("fetch succeeded for " + uri);
    }
}
