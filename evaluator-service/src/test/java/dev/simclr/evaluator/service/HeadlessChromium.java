package dev.simclr.evaluator.service;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Chromium in headless mode, for the dashboard test: the DOM after the page's scripts ran for a budget of
 * virtual time ({@code --dump-dom}), or a screenshot. Missing Chromium fails the test (CI installs the {@code chromium}
 * package); {@code -Dsimclr.chromium=/path} picks another binary.
 */
final class HeadlessChromium {

    private static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(2);

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** Finds Chromium or fails the calling test with what to install. */
    static HeadlessChromium require() {
        String configured = System.getProperty("simclr.chromium");
        List<Path> candidates = new ArrayList<>();
        if (configured != null) {
            candidates.add(Path.of(configured));
        }
        candidates.add(Path.of("/usr/bin/chromium"));
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "chromium"));
                candidates.add(Path.of(dir, "chromium-browser"));
            }
        }
        for (Path p : candidates) {
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return new HeadlessChromium(p);
            }
        }
        return fail("Chromium is required by the dashboard test and was not found (tried -Dsimclr.chromium, "
                + "/usr/bin/chromium and PATH): install it with `apt-get install chromium` (.ci/run does)");
    }

    /** The serialised DOM of {@code url} after {@code virtualTime} of page time. */
    String dumpDom(URI url, Duration virtualTime) throws IOException, InterruptedException {
        return run(List.of("--dump-dom", "--virtual-time-budget=" + virtualTime.toMillis(), url.toString()));
    }

    /** A PNG screenshot of {@code url} at width x height after {@code virtualTime} of page time. */
    void screenshot(URI url, Path png, int width, int height, Duration virtualTime)
            throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        run(List.of(
                "--screenshot=" + png.toAbsolutePath(),
                "--window-size=" + width + "," + height,
                "--hide-scrollbars",
                "--virtual-time-budget=" + virtualTime.toMillis(),
                url.toString()));
        if (!Files.isRegularFile(png)) {
            fail("Chromium wrote no screenshot to " + png);
        }
    }

    private String run(List<String> args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("simclr-chromium-");
        Path stdout = profile.resolve("stdout.txt");
        Path stderr = profile.resolve("stderr.txt");
        List<String> command = new ArrayList<>(List.of(
                binary.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile.resolve("profile")));
        command.addAll(args);
        Process p = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        try {
            if (!p.waitFor(PROCESS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("Chromium did not finish within " + PROCESS_TIMEOUT + ": " + tail(stderr));
            }
            if (p.exitValue() != 0) {
                fail("Chromium exited with " + p.exitValue() + ": " + tail(stderr));
            }
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            deleteTree(profile);
        }
    }

    private static String tail(Path file) throws IOException {
        String s = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
