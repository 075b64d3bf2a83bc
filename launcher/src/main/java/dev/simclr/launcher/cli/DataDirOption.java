package dev.simclr.launcher.cli;

import dev.simclr.launcher.stack.StackLayout;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}: where the local stack keeps its state (default {@code .simclr}, env {@code SIMCLR_DATA_DIR}). */
public final class DataDirOption {

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            defaultValue = "${env:SIMCLR_DATA_DIR:-.simclr}",
            description = "data directory of the local stack (default: ${DEFAULT-VALUE})")
    Path dataDir;

    /** The layout of the data directory. */
    public StackLayout layout() {
        return new StackLayout(dataDir);
    }
}
