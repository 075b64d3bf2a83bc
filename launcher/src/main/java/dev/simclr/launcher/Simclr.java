package dev.simclr.launcher;

import dev.simclr.launcher.cli.DemoCommand;
import dev.simclr.launcher.cli.EmbedCommand;
import dev.simclr.launcher.cli.ImportCommand;
import dev.simclr.launcher.cli.PreviewCommand;
import dev.simclr.launcher.cli.PushCommand;
import dev.simclr.launcher.cli.StatusCommand;
import dev.simclr.launcher.cli.UpCommand;
import dev.simclr.launcher.cli.WatchCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code simclr}: the one-command demo and the tools around a local SimCLR stack. Exit codes: 0 success, 1 failure (the
 * reason on one line), 2 bad arguments or another user mistake.
 */
@Command(
        name = "simclr",
        mixinStandardHelpOptions = true,
        version = "simclr 0.1.0",
        description =
                "Streaming SimCLR on Kafka + DJL + S3: run the demo, start a local stack, import and push images, "
                        + "watch results, embed images, preview the augmentation.",
        subcommands = {
            DemoCommand.class,
            UpCommand.class,
            ImportCommand.class,
            PushCommand.class,
            WatchCommand.class,
            StatusCommand.class,
            EmbedCommand.class,
            PreviewCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Simclr implements Runnable {

    /** Exit code of a user mistake. */
    public static final int USAGE = 2;
    /** Exit code of a failure. */
    public static final int FAILED = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Entry point ({@code ./simclr} runs it).
     *
     * @param args command line
     */
    public static void main(String[] args) {
        int code = execute(args);
        System.exit(code);
    }

    /** Parses and runs {@code args}; returns the exit code. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line (errors as one line, exit codes 1 and 2). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Simclr());
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("simclr: " + ex.getMessage());
            err.println("(see: " + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            err.flush();
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            PrintWriter err = line.getErr();
            if (ex instanceof UserException) {
                err.println("simclr: " + ex.getMessage());
                err.flush();
                return USAGE;
            }
            err.println("simclr: error: " + message(ex));
            if (System.getenv("SIMCLR_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            err.flush();
            return FAILED;
        });
        return cl;
    }

    /** The message of {@code ex} or of its first cause that has one (a service's log tail may follow on more lines). */
    static String message(Throwable ex) {
        Throwable t = ex;
        String m = t.getMessage();
        while ((m == null || m.isBlank()) && t.getCause() != null) {
            t = t.getCause();
            m = t.getMessage();
        }
        return m == null ? t.getClass().getSimpleName() : m;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "a command is required: demo, up, import, push," + " watch, status, embed or preview");
    }
}
