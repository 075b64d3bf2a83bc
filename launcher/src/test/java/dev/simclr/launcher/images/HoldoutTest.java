package dev.simclr.launcher.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.simclr.contracts.ImageRef;
import dev.simclr.contracts.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HoldoutTest {

    @TempDir
    Path tmp;

    private static final ImportOptions OPTIONS = new ImportOptions("simclr-data", null, null, 0, null);

    /** An ImageFolder tree: {@code per} PNG-named files in each class directory. */
    private Path imageFolder(String name, List<String> classes, int per) throws IOException {
        Path root = tmp.resolve(name);
        for (String c : classes) {
            Files.createDirectories(root.resolve(c));
            for (int i = 0; i < per; i++) {
                Files.write(root.resolve(c).resolve(String.format("%03d.png", i)), new byte[] {(byte) i});
            }
        }
        return root;
    }

    @Test
    void anImageFolderDirectoryIsLabelledByItsSortedClassDirectories() throws IOException {
        Path root = imageFolder("pets", List.of("dog", "cat", "bird"), 3);
        assertThat(DirectorySource.classNames(root, 0)).containsExactly("bird", "cat", "dog");
        List<ImportItem> items = DirectorySource.items(root, OPTIONS);
        assertThat(items).hasSize(9);
        assertThat(items.get(0).id()).isEqualTo("pets/bird/000.png");
        assertThat(items).extracting(ImportItem::label).containsExactly(0, 0, 0, 1, 1, 1, 2, 2, 2);
        assertThat(items.get(4).ref("s3://simclr-data/pets/cat/001.png").toJson())
                .contains("\"label\":1");
    }

    @Test
    void aFlatDirectoryOrASingleClassIsUnlabelled() throws IOException {
        Path flat = tmp.resolve("flat");
        Files.createDirectories(flat.resolve("sub"));
        Files.write(flat.resolve("a.png"), new byte[] {1});
        Files.write(flat.resolve("sub/b.png"), new byte[] {2});
        assertThat(DirectorySource.classNames(flat, 0)).isEmpty();
        assertThat(DirectorySource.items(flat, OPTIONS))
                .extracting(ImportItem::label)
                .containsOnlyNulls();
        Path one = imageFolder("one", List.of("only"), 2);
        assertThat(DirectorySource.classNames(one, 0)).isEmpty();
    }

    @Test
    void theHeldOutShareDependsOnlyOnSeedAndIdAndIsMarkedWithTheExcludedSplit() throws IOException {
        List<ImportItem> items = DirectorySource.items(imageFolder("big", List.of("a", "b"), 500), OPTIONS);
        Holdout.Plan plan = Holdout.plan(items, 0.1, 7, "run-1");
        assertThat(plan.items()).hasSize(1000);
        assertThat(plan.heldOut().size()).isBetween(70, 130);
        assertThat(plan.heldOut()).allMatch(i -> Holdout.SPLIT.equals(i.split()));
        // uploaded where the evaluator's S3 identity may read: eval-sets/<run>/
        assertThat(plan.heldOut()).allMatch(i -> i.key().startsWith("eval-sets/run-1/big/"));
        assertThat(plan.items())
                .filteredOn(i -> i.split() == null)
                .allMatch(i -> i.key().startsWith("big/"));
        Set<String> held = plan.heldOut().stream().map(ImportItem::id).collect(Collectors.toSet());
        assertThat(plan.items()).filteredOn(i -> !held.contains(i.id())).allMatch(i -> i.split() == null);
        // per class too (a hash per image, so about 10 % of each)
        assertThat(plan.heldOut().stream().filter(i -> i.label() == 0).count()).isBetween(30L, 70L);

        // the same images again, in another order and with more images: the same ones are held out
        List<ImportItem> more = new ArrayList<>(items);
        java.util.Collections.reverse(more);
        more.addAll(DirectorySource.items(imageFolder("extra", List.of("a", "b"), 50), OPTIONS));
        Set<String> again = Holdout.plan(more, 0.1, 7, "run-1").heldOut().stream()
                .map(ImportItem::id)
                .filter(id -> id.startsWith("big/"))
                .collect(Collectors.toSet());
        assertThat(again).isEqualTo(held);
        assertThat(Holdout.plan(items, 0.1, 8, "run-1").heldOut())
                .extracting(ImportItem::id)
                .isNotEqualTo(plan.heldOut().stream().map(ImportItem::id).toList());
        assertThat(Holdout.plan(items, 0, 7, "run-1").heldOut()).isEmpty();
        assertThatThrownBy(() -> Holdout.plan(items, 1, 7, "run-1")).hasMessage("--holdout must be in [0, 1), got 1.0");
    }

    @Test
    void theManifestListsTheHeldOutImagesWithLabelsClassesAndEvaluationSplits() throws IOException {
        List<String> classes = List.of("bird", "cat", "dog");
        List<ImportItem> items = DirectorySource.items(imageFolder("pets", classes, 40), OPTIONS);
        Holdout.Plan plan = Holdout.plan(items, 0.25, 3, "run-1");
        String text = new String(Holdout.manifest(plan.heldOut(), "simclr-data", classes, 3), StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(plan.heldOut().size());
        int train = 0;
        for (String line : lines) {
            JsonNode n = Json.mapper().readTree(line);
            ImageRef ref = ImageRef.parse(line);
            assertThat(ref.uri()).startsWith("s3://simclr-data/eval-sets/run-1/pets/");
            assertThat(n.path("class").asText()).isEqualTo(classes.get(ref.label()));
            assertThat(ref.uri()).contains("/" + n.path("class").asText() + "/");
            assertThat(ref.split()).isIn("train", "test");
            assertThat(ref.dataset()).isEqualTo("pets");
            train += "train".equals(ref.split()) ? 1 : 0;
        }
        assertThat(train).isBetween(lines.size() / 4, 3 * lines.size() / 4);

        List<ImportItem> flat = List.of(ImportItem.reference("x/1", null, null, "photos", "s3://b/1.jpg"));
        assertThat(new String(Holdout.manifest(flat, "b", List.of(), 0), StandardCharsets.UTF_8))
                .isEqualTo("{\"uri\":\"s3://b/1.jpg\",\"id\":\"x/1\",\"split\":\"test\",\"dataset\":\"photos\"}\n");
        assertThat(Holdout.manifestUri("simclr-data", "run-7"))
                .isEqualTo("s3://simclr-data/eval-sets/run-7/holdout.jsonl");
    }
}
