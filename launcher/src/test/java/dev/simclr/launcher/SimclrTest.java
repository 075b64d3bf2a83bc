package dev.simclr.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimclrTest {

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cl = Simclr.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void noCommandIsAUsageError() {
        Run r = run();
        assertThat(r.code()).isEqualTo(Simclr.USAGE);
        assertThat(r.err())
                .startsWith("simclr: a command is required: demo, up, import, push, watch, status, embed or preview");
    }

    @Test
    void unknownCommandAndOptionAreUsageErrorsWithoutStackTraces() {
        Run unknown = run("train");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err())
                .contains("simclr: ")
                .contains("train")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        Run option = run("demo", "--minuets", "3");
        assertThat(option.code()).isEqualTo(2);
        assertThat(option.err()).contains("Unknown options: '--minuets', '3'").contains("simclr demo --help");
    }

    @Test
    void demoMinutesAreCheckedBeforeAnythingStarts() {
        Run r = run("demo", "--minutes", "2", "--data-dir", tmp.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("simclr: --minutes must be in [5, 1440], got 2");
        Run notNumber = run("demo", "--minutes", "ten");
        assertThat(notNumber.code()).isEqualTo(2);
        assertThat(notNumber.err()).contains("'ten' is not an int");
    }

    @Test
    void pushValidatesEveryValueBeforeSending() {
        Run r = run("push", "--data-dir", tmp.toString(), "s3://bucket/a.png", "not a uri");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("simclr: argument 2: ").doesNotContain("\tat ");
        Run none = run("push");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("Missing required parameter");
    }

    @Test
    void clientsWithoutARunningStackSayHowToStartOne() {
        Run r = run("status", "--data-dir", tmp.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .contains("no stack is running in " + tmp.toAbsolutePath())
                .contains("start one with `simclr up` or `simclr demo`");
        Run push = run("push", "--data-dir", tmp.toString(), "s3://bucket/a.png");
        assertThat(push.code()).isEqualTo(2);
        assertThat(push.err()).contains("no stack is running");
    }

    @Test
    void importRefusesAMissingSourceAndBadOptions() {
        Run missing =
                run("import", "--data-dir", tmp.toString(), tmp.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip()).isEqualTo("simclr: " + tmp.resolve("nope") + ": no such file or directory");
        Run bucket = run("import", "--bucket", "Bad_Bucket", tmp.toString());
        assertThat(bucket.code()).isEqualTo(2);
        assertThat(bucket.err()).contains("--bucket: 'Bad_Bucket' is not a valid bucket name");
        Run limit = run("import", "--limit", "-3", tmp.toString());
        assertThat(limit.code()).isEqualTo(2);
        assertThat(limit.err()).contains("--limit must be >= 0, got -3");
    }

    @Test
    void helpListsTheCommands() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains("demo")
                .contains("up")
                .contains("import")
                .contains("push")
                .contains("watch")
                .contains("status")
                .contains("embed")
                .contains("preview");
    }

    @Test
    void messageFallsBackToTheFirstCauseWithOne() {
        Exception e = new RuntimeException(null, new IllegalStateException("broker down"));
        assertThat(Simclr.message(e)).isEqualTo("broker down");
        assertThat(Simclr.message(new NullPointerException())).isEqualTo("NullPointerException");
    }
}
