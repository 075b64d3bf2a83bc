package dev.simclr.evaluation.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/** Runs {@code torch_protocol_anchor.py} as a child process and parses its JSON line. */
final class TorchAnchor {

    private TorchAnchor() {}

    static JsonNode run(BenchArgs a) throws IOException, InterruptedException {
        if (!Files.isRegularFile(a.anchorFile())) {
            throw new IllegalArgumentException("--anchor " + a.anchorFile() + " is not a file");
        }
        if (!Files.isRegularFile(a.anchorScript())) {
            throw new IllegalArgumentException("--anchor-script " + a.anchorScript() + " is not a file "
                    + "(run through ./simclr bench, from the repository root, or pass its path)");
        }
        List<String> cmd = List.of(
                a.python(),
                a.anchorScript().toString(),
                a.anchorFile().toString(),
                a.dataDir().toString(),
                a.features(),
                Integer.toString(a.dim()),
                Long.toString(a.seed()));
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String stdout;
        try {
            stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            if (p.waitFor() != 0) {
                p.destroy();
            }
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("torch anchor exited with " + p.exitValue() + ": " + String.join(" ", cmd));
        }
        String last = stdout.strip().lines().reduce((x, y) -> y).orElse("");
        return new ObjectMapper().readTree(last);
    }
}
