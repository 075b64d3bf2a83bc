package dev.simclr.launcher.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * The data directory of a local stack (default {@code .simclr}):
 *
 * <pre>
 * stack.json        ports, endpoints, credentials and PIDs of the running stack (deleted on stop)
 * supervision.json  state and restarts of S3 and each service (deleted on stop)
 * kafka/            the embedded broker's storage (topics and offsets survive restarts)
 * s3/               s3proxy: buckets/ (one directory per bucket), s3proxy.properties, s3proxy.log
 * logs/             launcher.log (Kafka, clients), augmenter.log, trainer.log, evaluator.log
 * imports/          one marker per finished import (the demo does not import twice)
 * cache/            DJL natives, decoded eval sets: kept by --fresh
 * run/              working directories of the child JVMs
 * </pre>
 *
 * @param root the data directory (absolute)
 */
public record StackLayout(Path root) {

    /** The layout under {@code root} (made absolute). */
    public StackLayout {
        root = root.toAbsolutePath().normalize();
    }

    public Path stackJson() {
        return root.resolve("stack.json");
    }

    /** What the supervisor knows about each child (state, restarts, last failure). */
    public Path supervisionJson() {
        return root.resolve("supervision.json");
    }

    public Path kafkaDir() {
        return root.resolve("kafka");
    }

    public Path s3Dir() {
        return root.resolve("s3");
    }

    public Path logsDir() {
        return root.resolve("logs");
    }

    /** The log file of a service or of the launcher itself. */
    public Path log(String name) {
        return logsDir().resolve(name + ".log");
    }

    public Path importsDir() {
        return root.resolve("imports");
    }

    public Path cacheDir() {
        return root.resolve("cache");
    }

    /** DJL_CACHE_DIR / ENGINE_CACHE_DIR of the services (libtorch natives, extracted once). */
    public Path djlCache() {
        return cacheDir().resolve("djl");
    }

    /** The evaluator's decoded eval-set cache. */
    public Path evalSetCache() {
        return cacheDir().resolve("evalsets");
    }

    /** Working directory of a child JVM. */
    public Path workDir(String name) {
        return root.resolve("run").resolve(name);
    }

    /** Creates the directories. */
    public StackLayout create() {
        for (Path p : List.of(root, kafkaDir(), s3Dir(), logsDir(), importsDir(), djlCache(), evalSetCache())) {
            try {
                Files.createDirectories(p);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + p + ": " + e.getMessage(), e);
            }
        }
        return this;
    }

    /**
     * Deletes the state of the previous run (broker, buckets, logs, import markers, stack.json) and keeps
     * {@code cache/}, so {@code --fresh} starts a new run without extracting natives again.
     *
     * @return the entries deleted
     */
    public List<Path> clean() {
        List<Path> gone = new java.util.ArrayList<>();
        if (!Files.isDirectory(root)) {
            return gone;
        }
        try (var entries = Files.list(root)) {
            for (Path p : entries.toList()) {
                if (!p.getFileName().toString().equals("cache")) {
                    deleteTree(p);
                    gone.add(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + root + ": " + e.getMessage(), e);
        }
        return gone;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(p);
            return;
        }
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
