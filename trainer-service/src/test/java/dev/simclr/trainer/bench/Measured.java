package dev.simclr.trainer.bench;

/**
 * One consumption of a topic by one path.
 *
 * @param path what consumed ({@code kafka-consumer-perf-test}, {@code plain consumer}, {@code trainer intake})
 * @param records records consumed
 * @param seconds wall time from the first poll to the last record handled (the perf tool: its fetch time)
 * @param consumerCpuSeconds CPU time of the polling thread
 * @param stageCpuSeconds CPU time of the thread that copies batches into the uint8 NDArray (intake only)
 */
record Measured(String path, long records, double seconds, double consumerCpuSeconds, double stageCpuSeconds) {

    /** Views (two per record) per second. */
    double viewsPerSecond() {
        return 2 * records / seconds;
    }

    /** MiB (2^20 bytes, as kafka-consumer-perf-test) per second of {@code bytes} consumed. */
    double mibPerSecond(long bytes) {
        return bytes / (1024.0 * 1024.0) / seconds;
    }

    /** MiB per CPU-second of the polling and staging threads together. */
    double mibPerCpuSecond(long bytes) {
        return bytes / (1024.0 * 1024.0) / (consumerCpuSeconds + stageCpuSeconds);
    }
}
