package dev.simclr.launcher.cli;

import dev.simclr.launcher.Console;
import dev.simclr.launcher.Logging;
import dev.simclr.launcher.UserException;
import dev.simclr.launcher.stack.RunConfig;
import dev.simclr.launcher.stack.ServiceApps;
import dev.simclr.launcher.stack.ServicePorts;
import dev.simclr.launcher.stack.Stack;
import dev.simclr.launcher.stack.StackInfo;
import dev.simclr.launcher.stack.StackLayout;
import dev.simclr.launcher.supervise.SupervisionPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The life cycle shared by {@code demo} and {@code up}: refuse a data directory another launcher is using, start the
 * stack (supervised: see {@link dev.simclr.launcher.supervise.Supervisor}), run the command's body, and stop everything
 * on the way out, whether the body returns, fails (a {@link dev.simclr.launcher.supervise.StackFailure} when the
 * supervisor gave up), or the user presses Ctrl-C, also while the services are still starting (a second Ctrl-C kills at
 * once: the services' and s3proxy's watchdogs end them when this JVM halts).
 */
final class StackRun {

    /** The command's work while the stack runs. */
    @FunctionalInterface
    interface Body {
        void run(Stack stack, StopSignal stop) throws Exception;
    }

    private StackRun() {}

    /**
     * Refuses a data directory a live launcher owns, then (with {@code fresh}) removes the previous run's state and
     * says what it did.
     *
     * @return the console the command prints on
     */
    static Console prepare(StackLayout layout, boolean fresh) {
        refuseRunning(layout);
        Console console = Console.stamped();
        if (fresh) {
            List<Path> gone = layout.clean();
            console.line(
                    gone.isEmpty()
                            ? "fresh run: nothing to remove in " + layout.root()
                            : "fresh run: removed the previous run's state in " + layout.root() + " (kept cache/)");
        }
        return console;
    }

    /** Fails when a live launcher owns {@code layout}'s data directory. */
    private static void refuseRunning(StackLayout layout) {
        Optional<StackInfo> info;
        try {
            info = StackInfo.read(layout.stackJson());
        } catch (IllegalArgumentException e) {
            return;
        }
        if (info.isPresent()
                && info.get().launcherAlive()
                && info.get().launcherPid() != ProcessHandle.current().pid()) {
            throw new UserException("a stack is already running in " + layout.root() + " (launcher pid "
                    + info.get().launcherPid() + "): stop it (Ctrl-C in its terminal, or kill "
                    + info.get().launcherPid()
                    + ") or use another --data-dir");
        }
    }

    /** Starts the stack, runs {@code body}, stops the stack. */
    static void run(
            Console console, StackLayout layout, RunConfig run, ServiceApps apps, SupervisionPolicy policy, Body body)
            throws Exception {
        Logging.toFile(layout.log("launcher"));
        StopSignal stop = StopSignal.install();
        stop.onFirst(() -> console.line("stopping: services first (the trainer writes its final checkpoint), then Kafka"
                + " and S3; Ctrl-C again kills everything at once"));
        stop.onForce(() -> {
            console.line("killing everything now");
            Runtime.getRuntime().halt(130);
        });
        Stack stack = Stack.start(layout, run, apps, ServicePorts.preferred(), policy, console::line);
        Thread hook = new Thread(() -> stack.stop(line -> {}), "simclr-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            body.run(stack, stop);
        } finally {
            stack.stop(console::line);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
    }
}
