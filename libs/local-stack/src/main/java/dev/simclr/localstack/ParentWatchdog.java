package dev.simclr.localstack;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Main class of a guarded child JVM: {@code ParentWatchdog <parentPid> <mainClass> <args...>}. It halts the child as
 * soon as the parent is gone (its stdin pipe reaches end-of-file, or the parent PID is no longer alive or was reused),
 * then runs the real main class with the remaining arguments. Used for s3proxy ({@link EmbeddedS3}) and for the
 * services the launcher starts ({@code io.quarkus.bootstrap.runner.QuarkusEntryPoint}), so that a parent killed with
 * {@code kill -9} never leaves orphans behind.
 *
 * <p>Self-contained on purpose (no other class of this module, no nested classes): its class file is copied into a
 * directory of its own ({@link WatchedProcess}) and run from there, next to whatever class path the child needs.
 */
public final class ParentWatchdog {

    private static final long POLL_MILLIS = 500;

    private ParentWatchdog() {}

    /**
     * Entry point of the child JVM.
     *
     * @param args parent PID, real main class, then that class's arguments
     * @throws Throwable whatever the real main class throws
     */
    public static void main(String[] args) throws Throwable {
        if (args.length < 2) {
            System.err.println("usage: ParentWatchdog <parentPid> <mainClass> [args...]");
            Runtime.getRuntime().halt(2);
        }
        long parentPid = Long.parseLong(args[0]);
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        if (parent.isEmpty() || !parent.get().isAlive()) {
            System.err.println("[watchdog] parent process " + parentPid + " is not running; exiting");
            Runtime.getRuntime().halt(3);
        }
        ProcessHandle handle = parent.get();
        Instant parentStart = handle.info().startInstant().orElse(null);
        Thread stdin = new Thread(
                () -> {
                    try {
                        while (System.in.read() >= 0) {
                            // the parent never writes; we only wait for the pipe to close
                        }
                    } catch (IOException ignored) {
                        // a broken pipe means the same as end-of-file
                    }
                    halt("stdin closed (parent " + parentPid + " closed the pipe or died)");
                },
                "watchdog-stdin");
        Thread pid = new Thread(
                () -> {
                    while (true) {
                        try {
                            Thread.sleep(POLL_MILLIS);
                        } catch (InterruptedException e) {
                            return;
                        }
                        boolean sameProcess = parentStart == null
                                || handle.info()
                                        .startInstant()
                                        .map(parentStart::equals)
                                        .orElse(true);
                        if (!handle.isAlive() || !sameProcess) {
                            halt("parent process " + parentPid + " is gone");
                        }
                    }
                },
                "watchdog-parent-pid");
        stdin.setDaemon(true);
        pid.setDaemon(true);
        stdin.start();
        pid.start();
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void halt(String reason) {
        System.err.println("[watchdog] " + reason + "; halting");
        System.err.flush();
        Runtime.getRuntime().halt(0);
    }
}
