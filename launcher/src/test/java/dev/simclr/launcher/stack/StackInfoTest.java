package dev.simclr.launcher.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.launcher.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackInfoTest {

    @TempDir
    Path tmp;

    private static StackInfo info(long pid) {
        return new StackInfo(
                1,
                pid,
                Instant.parse("2026-11-30T03:00:00Z"),
                "/data",
                "demo",
                new StackInfo.KafkaInfo("127.0.0.1:40001"),
                new StackInfo.S3Info("http://127.0.0.1:40002", "ak", "sk", "us-east-1", "simclr-data", "simclr"),
                List.of(new StackInfo.ServiceInfo("trainer", "http://127.0.0.1:8082", 77, "/data/logs/trainer.log")),
                "http://127.0.0.1:8083/");
    }

    @Test
    void writesAndReadsTheSameStackOwnerReadableOnly() throws Exception {
        StackInfo written = info(ProcessHandle.current().pid());
        Path file = tmp.resolve("sub/stack.json");
        written.write(file);
        assertThat(StackInfo.read(file)).contains(written);
        assertThat(Files.readString(file))
                .contains("\"bootstrapServers\" : \"127.0.0.1:40001\"")
                .contains("\"startedAt\" : \"2026-11-30T03:00:00Z\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(written.service("trainer")).map(StackInfo.ServiceInfo::pid).contains(77L);
        assertThat(written.service("augmenter")).isEmpty();
        assertThat(written.s3().toString()).doesNotContain("sk");
    }

    @Test
    void aMissingFileIsEmptyAndABadFileNamesTheProblem() {
        assertThat(StackInfo.read(tmp.resolve("stack.json"))).isEmpty();
        assertThatThrownBy(() -> StackInfo.fromJson("{\"version\": 2}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported version 2");
        String noKafka = info(1).toJson().replaceAll("\"kafka\" : \\{[^}]*},", "");
        assertThatThrownBy(() -> StackInfo.fromJson(noKafka)).hasMessageContaining("kafka is required");
        assertThatThrownBy(() -> StackInfo.fromJson("not json")).hasMessageStartingWith("stack.json is not valid: ");
    }

    @Test
    void requireRunningSaysWhetherTheFileIsMissingOrStale() throws Exception {
        StackLayout layout = new StackLayout(tmp);
        assertThatThrownBy(() -> StackInfo.requireRunning(layout))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("no stack is running in " + tmp.toAbsolutePath());
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        info(gone.pid()).write(layout.stackJson());
        assertThatThrownBy(() -> StackInfo.requireRunning(layout))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("launcher pid " + gone.pid() + " is gone; stack.json is stale");
        StackInfo live = info(ProcessHandle.current().pid());
        live.write(layout.stackJson());
        assertThat(StackInfo.requireRunning(layout)).isEqualTo(live);
    }
}
