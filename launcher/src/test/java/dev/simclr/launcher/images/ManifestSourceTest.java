package dev.simclr.launcher.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestSourceTest {

    @TempDir
    Path tmp;

    private static final ImportOptions OPTIONS = new ImportOptions("simclr-data", null, null, 0, null);

    private Path manifest(String... lines) throws Exception {
        Path m = tmp.resolve("pets.jsonl");
        Files.write(m, List.of(lines));
        return m;
    }

    @Test
    void pathsAreUploadedAndUrisPushedAsTheyAre() throws Exception {
        Files.createDirectories(tmp.resolve("cats"));
        Files.write(tmp.resolve("cats/1.png"), new byte[] {1, 2, 3});
        Path m = manifest(
                "{\"path\": \"cats/1.png\", \"label\": 3, \"split\": \"train\"}",
                "",
                "{\"uri\": \"s3://other/dog.jpg\", \"id\": \"dog-1\", \"dataset\": \"zoo\"}");
        assertThat(ManifestSource.isManifest(m)).isTrue();
        List<ImportItem> items = ManifestSource.items(m, OPTIONS);
        assertThat(items).hasSize(2);
        ImportItem cat = items.get(0);
        assertThat(cat.needsUpload()).isTrue();
        assertThat(cat.key()).isEqualTo("pets/cats/1.png");
        assertThat(cat.id()).isEqualTo("pets/cats/1.png");
        assertThat(cat.label()).isEqualTo(3);
        assertThat(cat.split()).isEqualTo("train");
        assertThat(cat.dataset()).isEqualTo("pets");
        assertThat(cat.contentType()).isEqualTo("image/png");
        assertThat(cat.data().load()).containsExactly(1, 2, 3);
        ImportItem dog = items.get(1);
        assertThat(dog.needsUpload()).isFalse();
        assertThat(dog.uri()).isEqualTo("s3://other/dog.jpg");
        assertThat(dog.ref(dog.uri()).id()).isEqualTo("dog-1");
        assertThat(dog.dataset()).isEqualTo("zoo");
        assertThat(dog.label()).isNull();
    }

    @Test
    void optionsGiveDefaultsAndTheLimit() throws Exception {
        Path m = manifest("{\"uri\": \"s3://b/1.png\"}", "{\"uri\": \"s3://b/2.png\"}", "{\"uri\": \"s3://b/3.png\"}");
        List<ImportItem> items = ManifestSource.items(m, new ImportOptions("simclr-data", null, "val", 2, "mine"));
        assertThat(items)
                .hasSize(2)
                .allMatch(i -> i.split().equals("val") && i.dataset().equals("mine"));
    }

    @Test
    void everyBadLineIsNamedWithTheReason() throws Exception {
        assertThatThrownBy(() -> ManifestSource.items(manifest("{\"uri\": \"s3://b/1.png\"}", "{oops"), OPTIONS))
                .hasMessageEndingWith("pets.jsonl line 2: not valid JSON");
        assertThatThrownBy(() -> ManifestSource.items(manifest("{\"url\": \"s3://b/1.png\"}"), OPTIONS))
                .hasMessageContaining("line 1: unknown field 'url' (expected dataset, id, label, path, split, uri)");
        assertThatThrownBy(() ->
                        ManifestSource.items(manifest("{\"uri\": \"s3://b/1.png\", \"path\": \"a.png\"}"), OPTIONS))
                .hasMessageContaining("give exactly one of \"uri\" and \"path\"");
        assertThatThrownBy(() -> ManifestSource.items(manifest("{\"uri\": \"s3://b/1.png\", \"label\": -1}"), OPTIONS))
                .hasMessageContaining("label must be an integer >= 0, got -1");
        assertThatThrownBy(() ->
                        ManifestSource.items(manifest("{\"uri\": \"s3://b/1.png\", \"label\": \"cat\"}"), OPTIONS))
                .hasMessageContaining("label must be an integer >= 0");
        assertThatThrownBy(() -> ManifestSource.items(manifest("{\"uri\": \"bucket/key.png\"}"), OPTIONS))
                .hasMessageContaining("uri has no scheme: 'bucket/key.png'");
        assertThatThrownBy(() -> ManifestSource.items(manifest("{\"path\": \"missing.png\"}"), OPTIONS))
                .hasMessageContaining("line 1: no such file: " + tmp.resolve("missing.png"));
        assertThatThrownBy(() -> ManifestSource.items(manifest("[1, 2]"), OPTIONS))
                .hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> ManifestSource.items(manifest("", "  "), OPTIONS))
                .hasMessageEndingWith("no images listed");
    }

    @Test
    void onlyJsonLinesLookLikeAManifest() throws Exception {
        Path text = tmp.resolve("notes.txt");
        Files.writeString(text, "\nhello\n");
        assertThat(ManifestSource.isManifest(text)).isFalse();
        assertThat(ManifestSource.isManifest(tmp.resolve("absent.jsonl"))).isFalse();
    }
}
