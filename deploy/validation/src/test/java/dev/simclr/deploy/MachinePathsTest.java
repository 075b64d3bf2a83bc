package dev.simclr.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No file of the repository names a location of the machine it was written on: scripts find what lies next to the
 * checkout relative to the repository root (e.g. {@code ../shared/anchors}) or from an option or variable. Checked here
 * against the directory that holds this checkout and the user's home directory, whatever machine runs the test.
 */
class MachinePathsTest {

    private static final Set<String> SHARED_ROOTS = Set.of("/", "/tmp/", "/var/tmp/");
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", "node_modules", ".idea");
    private static final long MAX_BYTES = 2L << 20;

    @Test
    void noFileNamesTheCheckoutsParentOrTheHomeDirectory() throws IOException {
        Set<String> forbidden = forbidden(Repo.root(), System.getProperty("user.home"));
        assertThat(forbidden).as("the home directory at least").isNotEmpty();
        List<String> hits = new ArrayList<>();
        List<String> scanned = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Repo.root())) {
            files.filter(Files::isRegularFile).filter(MachinePathsTest::scanned).forEach(f -> {
                String text = textOf(f);
                if (text != null) {
                    scanned.add(Repo.root().relativize(f).toString());
                    hits.addAll(hits(Repo.root().relativize(f).toString(), text, forbidden));
                }
            });
        }
        assertThat(scanned)
                .as("text files scanned")
                .contains("docs/benchmarks.md", "bench/compare/augment.sh", "pom.xml");
        assertThat(hits)
                .as(
                        "absolute paths of this machine (%s); use a path relative to the repository or an option",
                        forbidden)
                .isEmpty();
    }

    @Test
    void theCheckFindsAPathOfThisMachine() {
        Set<String> forbidden = forbidden(Path.of("/srv/checkouts/simclr"), "/home/someone");
        assertThat(forbidden).containsExactly("/srv/checkouts/", "/home/someone/");
        assertThat(forbidden(Path.of("/tmp/clone"), "/home/someone"))
                .as("a clone in /tmp")
                .containsExactly("/home/someone/");
        assertThat(hits("bench.sh", "A=1\nANCHORS=${SIMCLR_ANCHORS:-/srv/checkouts/shared/anchors}\n", forbidden))
                .containsExactly("bench.sh:2: ANCHORS=${SIMCLR_ANCHORS:-/srv/checkouts/shared/anchors}");
        assertThat(hits("bench.sh", "ANCHORS=${SIMCLR_ANCHORS:-\"$ROOT/../shared/anchors\"}\n", forbidden))
                .isEmpty();
        assertThat(hits("notes.md", "see /home/someone/notes.txt", forbidden)).hasSize(1);
        assertThat(forbidden(Path.of("/simclr"), "/"))
                .as("a checkout at / has no parent to name")
                .isEmpty();
    }

    /** The checkout's parent and the home directory, each with a trailing slash (not "/" itself). */
    static Set<String> forbidden(Path root, String home) {
        Set<String> out = new LinkedHashSet<>();
        Path parent = root.toAbsolutePath().normalize().getParent();
        for (String p : new String[] {parent == null ? null : parent.toString(), home}) {
            // A checkout in a shared scratch directory (/tmp, a fresh clone) says nothing about this machine's
            // layout, and containers legitimately use /tmp: only a parent of its own is forbidden.
            if (p != null && !p.isBlank() && !SHARED_ROOTS.contains(p.endsWith("/") ? p : p + "/")) {
                out.add(p.endsWith("/") ? p : p + "/");
            }
        }
        return out;
    }

    /** "file:line: text" for every line of {@code text} that contains one of {@code forbidden}. */
    static List<String> hits(String file, String text, Set<String> forbidden) {
        List<String> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            for (String f : forbidden) {
                if (lines[i].contains(f)) {
                    out.add(file + ":" + (i + 1) + ": " + lines[i].strip());
                    break;
                }
            }
        }
        return out;
    }

    private static boolean scanned(Path file) {
        for (Path part : Repo.root().relativize(file)) {
            if (SKIPPED_DIRS.contains(part.toString())) {
                return false;
            }
        }
        return true;
    }

    /** The file as text, or null for a binary or very large file. */
    private static String textOf(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                return null;
            }
            byte[] bytes = Files.readAllBytes(file);
            for (byte b : bytes) {
                if (b == 0) {
                    return null;
                }
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
