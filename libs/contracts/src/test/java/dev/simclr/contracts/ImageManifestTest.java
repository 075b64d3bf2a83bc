package dev.simclr.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one manifest reader; its cases are those of the former readers of the launcher ({@code ManifestSource.entry}) and
 * libs/evaluation ({@code ManifestEntry}, {@code ManifestSource.refs}).
 */
class ImageManifestTest {

    private static final Path BASE = Path.of("/data/pets");

    private static byte[] lines(String... lines) {
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    private static List<ImageManifest.Entry> imports(String... lines) {
        return ImageManifest.readImport(lines(lines), "pets.jsonl", BASE, 0);
    }

    @Test
    void importLinesArePathsOrUrisWithOptionalFields() {
        List<ImageManifest.Entry> e = imports(
                "{\"path\": \"cats/1.png\", \"label\": 3, \"split\": \"train\"}",
                "",
                "  ",
                "{\"uri\": \"s3://other/dog.jpg\", \"id\": \"dog-1\", \"dataset\": \"zoo\"}",
                "{\"uri\": \"file:///tmp/x.png\", \"label\": null}");
        assertThat(e).hasSize(3);
        assertThat(e.get(0))
                .isEqualTo(new ImageManifest.Entry(1, null, BASE.resolve("cats/1.png"), 3, "train", null, null, null));
        assertThat(e.get(0).isFile()).isTrue();
        assertThat(e.get(1))
                .isEqualTo(new ImageManifest.Entry(4, "s3://other/dog.jpg", null, null, null, "dog-1", "zoo", null));
        assertThat(e.get(1).isFile()).isFalse();
        assertThat(e.get(2).file()).isEqualTo(Path.of("/tmp/x.png"));
        assertThat(e.get(2).uri()).isEqualTo("file:///tmp/x.png");
        assertThat(imports("{\"path\": \"../up.png\"}").get(0).file()).isEqualTo(Path.of("/data/up.png"));
    }

    @Test
    void theLimitStopsReadingLaterLines() {
        byte[] m = lines("{\"uri\": \"s3://b/1.png\"}", "{\"uri\": \"s3://b/2.png\"}", "{oops");
        assertThat(ImageManifest.readImport(m, "m", BASE, 2)).hasSize(2);
        assertThatThrownBy(() -> ImageManifest.readImport(m, "m", BASE, 0)).hasMessage("m line 3: not valid JSON");
    }

    @Test
    void everyBadImportLineIsNamedWithTheReason() {
        assertThatThrownBy(() -> imports("{\"uri\": \"s3://b/1.png\"}", "{oops"))
                .isInstanceOf(ContractException.class)
                .hasMessage("pets.jsonl line 2: not valid JSON");
        assertThatThrownBy(() -> imports("{\"url\": \"s3://b/1.png\"}"))
                .hasMessage("pets.jsonl line 1: unknown field 'url' (expected dataset, id, label, path, split, uri)");
        assertThatThrownBy(() -> imports("{\"uri\": \"s3://b/1.png\", \"class\": \"cat\"}"))
                .hasMessageContaining("unknown field 'class'");
        assertThatThrownBy(() -> imports("{\"uri\": \"s3://b/1.png\", \"path\": \"a.png\"}"))
                .hasMessage("pets.jsonl line 1: give exactly one of \"uri\" and \"path\"");
        assertThatThrownBy(() -> imports("{\"label\": 1}"))
                .hasMessageContaining("give exactly one of \"uri\" and \"path\"");
        assertThatThrownBy(() -> imports("{\"uri\": \"s3://b/1.png\", \"label\": -1}"))
                .hasMessage("pets.jsonl line 1: label must be an integer >= 0, got -1");
        assertThatThrownBy(() -> imports("{\"uri\": \"s3://b/1.png\", \"label\": \"cat\"}"))
                .hasMessageContaining("label must be an integer >= 0, got \"cat\"");
        assertThatThrownBy(() -> imports("{\"uri\": \"s3://b/1.png\", \"label\": 1.5}"))
                .hasMessageContaining("label must be an integer >= 0, got 1.5");
        assertThatThrownBy(() -> imports("{\"uri\": \"s3://b/1.png\", \"label\": 3000000000}"))
                .hasMessageContaining("label must be an integer >= 0, got 3000000000");
        assertThatThrownBy(() -> imports("{\"uri\": \"bucket/key.png\"}"))
                .hasMessage("pets.jsonl line 1: uri has no scheme: 'bucket/key.png' (expected e.g. s3://bucket/key)");
        assertThatThrownBy(() -> imports("{\"uri\": \"file://host:x/a b\"}")).hasMessageContaining("bad file URI");
        assertThatThrownBy(() -> imports("{\"uri\": \"s3://b/1.png\", \"split\": \" \"}"))
                .hasMessageContaining("\"split\" must be a non-empty string");
        assertThatThrownBy(() -> imports("{\"path\": 7}")).hasMessageContaining("\"path\" must be a non-empty string");
        assertThatThrownBy(() -> imports("[1, 2]")).hasMessage("pets.jsonl line 1: expected a JSON object");
        assertThatThrownBy(() -> imports("", "  ")).hasMessage("pets.jsonl: no images listed");
    }

    @Test
    void refLinesAreImageRefsWithAnOptionalClassName() {
        List<ImageManifest.Entry> e = ImageManifest.readRefs(
                lines(
                        "{\"uri\":\"s3://b/1\",\"label\":1,\"class\":\"dog\",\"split\":\"train\",\"extra\":true}", "",
                        "{\"uri\":\" s3://b/2 \",\"id\":\"two\",\"dataset\":\"photos\"}", "s3://b/3"),
                "manifest holdout",
                true);
        assertThat(e)
                .containsExactly(
                        new ImageManifest.Entry(1, "s3://b/1", null, 1, "train", null, null, "dog"),
                        new ImageManifest.Entry(3, "s3://b/2", null, null, null, "two", "photos", null),
                        new ImageManifest.Entry(4, "s3://b/3", null, null, null, null, null, null));
    }

    @Test
    void everyBadRefLineIsNamedWithTheReason() {
        assertThatThrownBy(() -> ImageManifest.readRefs(lines("s3://bucket/a.png"), "manifest tiny", false))
                .hasMessage(
                        "manifest tiny line 1: expected a JSON object {\"uri\",\"label\",\"split\"}, got: s3://bucket/a.png");
        assertThatThrownBy(() -> ImageManifest.readRefs(lines("x".repeat(100)), "manifest tiny", false))
                .hasMessageEndingWith("got: " + "x".repeat(80) + "...");
        assertThatThrownBy(() -> ImageManifest.readRefs(lines("{\"label\":1}"), "manifest tiny", true))
                .hasMessage("manifest tiny line 1: image ref: 'uri' is required");
        assertThatThrownBy(() -> ImageManifest.readRefs(lines("{\"uri\":\"no-scheme\"}"), "manifest tiny", false))
                .hasMessageStartingWith("manifest tiny line 1: image ref:");
        assertThatThrownBy(() ->
                        ImageManifest.readRefs(lines("{\"uri\":\"s3://b/a\",\"label\":-2}"), "manifest tiny", false))
                .hasMessageContaining("line 1: image ref: label must be an integer >= 0");
        assertThatThrownBy(() -> ImageManifest.readRefs(lines("{\"uri\":\"s3://b/a\"", "{"), "manifest tiny", true))
                .hasMessageStartingWith("manifest tiny line 1: image ref:");
        assertThatThrownBy(() -> ImageManifest.readRefs(lines("", "\r\n"), "manifest tiny", true))
                .hasMessage("manifest tiny: no images listed");
    }

    @Test
    void linesEndInLfCrLfOrCrAndTheTextMustBeUtf8() {
        byte[] mixed = "{\"uri\":\"s3://b/1\"}\r\n\r\n{\"uri\":\"s3://b/2\"}\r{\"uri\":\"s3://b/3\"}\n"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(ImageManifest.readRefs(mixed, "m", false))
                .extracting(ImageManifest.Entry::line)
                .containsExactly(1, 3, 4);
        byte[] bom = "\uFEFF{\"uri\": \"s3://b/1.png\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(ImageManifest.readImport(bom, "m", BASE, 0)).hasSize(1);
        byte[] latin1 = "{\"uri\": \"s3://b/caf\u00e9.png\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> ImageManifest.readImport(latin1, "m", BASE, 0)).hasMessage("m: not valid UTF-8");
        assertThatThrownBy(() -> ImageManifest.readRefs(latin1, "m", true)).hasMessage("m: not valid UTF-8");
    }
}
