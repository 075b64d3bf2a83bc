package dev.simclr.launcher;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Routes SLF4J (slf4j-simple: the embedded broker, Kafka clients, the object store) to a log file so that the terminal
 * shows only the CLI's own lines. Must run before the first logger is created, i.e. before any Kafka or stack class is
 * touched.
 */
public final class Logging {

    private static final String P = "org.slf4j.simpleLogger.";

    private Logging() {}

    /** Logs to {@code file} (created with its directory): INFO for our classes, WARN for Kafka. */
    public static void toFile(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            toStderr();
            return;
        }
        System.setProperty(P + "logFile", file.toAbsolutePath().toString());
        System.setProperty(P + "defaultLogLevel", "info");
        common();
    }

    /** Logs warnings and errors of our classes to stderr; Kafka's client chatter is dropped. */
    public static void toStderr() {
        System.setProperty(P + "logFile", "System.err");
        System.setProperty(P + "defaultLogLevel", "warn");
        common();
        System.setProperty(P + "log.org.apache.kafka", "error");
    }

    private static void common() {
        System.setProperty(P + "showDateTime", "true");
        System.setProperty(P + "dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSS");
        System.setProperty(P + "showShortLogName", "true");
        System.setProperty(P + "log.org.apache.kafka", "warn");
        System.setProperty(P + "log.kafka", "warn");
        System.setProperty(P + "log.state.change.logger", "warn");
        System.setProperty(P + "log.org.apache.zookeeper", "warn");
    }
}
