package dev.simclr.augment.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetchersTest {

    @TempDir
    Path tmp;

    private static FetchException failure(Fetchers f, String uri) {
        try {
            f.fetch(URI.create(uri), 100);
        } catch (FetchException e) {
            return e;
        }
        throw new AssertionError("fetch succeeded: " + uri);
    }

    @Test
    void dispatchesByScheme() throws Exception {
        Files.write(tmp.resolve("a.png"), new byte[] {7});
        Fetchers f = Fetchers.builder()
                .optFiles(FileFetcher.underRoots(List.of(tmp)))
                .opt("s3", (uri, max) -> new byte[] {(byte) uri.getHost().length()})
                .build();
        assertThat(f.fetch(tmp.resolve("a.png").toUri(), 10)).containsExactly(7);
        assertThat(f.fetch(URI.create("S3://bucket/key.png"), 10)).containsExactly(6);
        assertThat(f.schemes()).containsExactly("file", "s3");
    }

    @Test
    void refusesDisabledAndUnknownSchemesWithReasons() {
        Fetchers f = Fetchers.builder()
                .optFiles(FileFetcher.underRoots(List.of(tmp)))
                .build();
        FetchException http = failure(f, "https://images.example.com/a.jpg");
        assertThat(http.kind()).isEqualTo(FetchException.Kind.REFUSED);
        assertThat(http.getMessage()).contains("https fetching is disabled");
        FetchException ftp = failure(f, "ftp://host/a.jpg");
        assertThat(ftp.kind()).isEqualTo(FetchException.Kind.UNSUPPORTED_SCHEME);
        assertThat(ftp.getMessage()).contains("'ftp'").contains("enabled: file");
        assertThat(failure(f, "s3://bucket/a.jpg").kind()).isEqualTo(FetchException.Kind.UNSUPPORTED_SCHEME);
        assertThat(failure(f, "relative/path.png").kind()).isEqualTo(FetchException.Kind.UNSUPPORTED_SCHEME);
        assertThat(failure(f, "jar:file:/x.jar!/a.png").kind()).isEqualTo(FetchException.Kind.UNSUPPORTED_SCHEME);
        assertThatThrownBy(() -> Fetchers.builder().opt("bad scheme", (u, m) -> new byte[0]))
                .hasMessageContaining("invalid scheme");
    }
}
