package dev.simclr.augmenter.service;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** A temp directory allowed for file:// images: returns {@code simclr.augmenter.fetch.file-roots}. */
public final class FileRootResource implements QuarkusTestResourceLifecycleManager {

    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("augmenter-files-").toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("simclr.augmenter.fetch.file-roots", dir.toString());
    }

    @Override
    public void stop() {
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
