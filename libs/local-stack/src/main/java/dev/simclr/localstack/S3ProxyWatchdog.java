package dev.simclr.localstack;

import java.io.IOException;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Main class of the s3proxy child JVM: {@code S3ProxyWatchdog <parentPid> <mainClass> <args...>}.
 * It halts the child as soon as the parent is gone (its stdin pipe reaches end-of-file, or the
 * parent PID is no longer alive), then runs the real main class with the remaining arguments.
 *
 * <p>Self-contained on purpose (no other class of this module, no nested classes): its class
 * file is copied next to the s3proxy jar and run from there.
 */
public final class S3ProxyWatchdog {

  private static final long POLL_MILLIS = 500;

  private S3ProxyWatchdog() {
  }

  /**
   * Entry point of the child JVM.
   *
   * @param args parent PID, real main class, then that class's arguments
   * @throws Exception whatever the real main class throws
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: S3ProxyWatchdog <parentPid> <mainClass> [args...]");
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
    Thread stdin = new Thread(() -> {
      try {
        while (System.in.read() >= 0) {
          // the parent never writes; we only wait for the pipe to close
        }
      } catch (IOException ignored) {
        // a broken pipe means the same as end-of-file
      }
      halt("stdin closed (parent " + parentPid + " closed the pipe or died)");
    }, "watchdog-stdin");
    Thread pid = new Thread(() -> {
      while (true) {
        try {
          Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
        boolean sameProcess = parentStart == null
            || handle.info().startInstant().map(parentStart::equals).orElse(true);
        if (!handle.isAlive() || !sameProcess) {
          halt("parent process " + parentPid + " is gone");
        }
      }
    }, "watchdog-parent-pid");
    stdin.setDaemon(true);
    pid.setDaemon(true);
    stdin.start();
    pid.start();
    Method main = Class.forName(args[1]).getMethod("main", String[].class);
    main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
  }

  private static void halt(String reason) {
    System.err.println("[watchdog] " + reason + "; halting");
    System.err.flush();
    Runtime.getRuntime().halt(0);
  }
}
