package dev.simclr.augmenter.loop;

import dev.simclr.contracts.Topics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the {@link AugmenterLoop} takes from code rather than from configuration: the topics, its timing and Kafka
 * client tuning. The service runs with {@link #DEFAULTS}; tests shorten the timing and use their own topics. Everything
 * configurable is in {@link dev.simclr.augmenter.config.AugmenterSetup}.
 *
 * @param imagesTopic input topic; its dead letters go to {@code Topics.dlq(imagesTopic)}
 * @param viewsTopic output topic
 * @param checkInterval how often the lag gate and the epoch's completion are checked
 * @param pollTimeout longest wait in one poll
 * @param minBackoff first delay after a failed transaction or an unavailable store (doubles up to max)
 * @param maxBackoff longest such delay
 * @param shutdownTimeout how long {@link AugmenterLoop#close()} waits for the in-flight batch
 * @param consumerOverrides consumer tuning set in code (e.g. shorter session timeouts in tests); like the
 *     {@code kafka.*} settings they never change the values the loop fixes
 * @param producerOverrides producer tuning set in code, likewise
 */
public record LoopTuning(
        String imagesTopic,
        String viewsTopic,
        Duration checkInterval,
        Duration pollTimeout,
        Duration minBackoff,
        Duration maxBackoff,
        Duration shutdownTimeout,
        Map<String, Object> consumerOverrides,
        Map<String, Object> producerOverrides) {

    /**
     * The service's: {@code simclr.images} to {@code simclr.views}, checks every 1 s, polls of 200 ms, backoff 1 s to
     * 30 s, 20 s to stop.
     */
    public static final LoopTuning DEFAULTS = new LoopTuning(
            Topics.IMAGES,
            Topics.VIEWS,
            Duration.ofSeconds(1),
            Duration.ofMillis(200),
            Duration.ofSeconds(1),
            Duration.ofSeconds(30),
            Duration.ofSeconds(20),
            Map.of(),
            Map.of());

    /** Validates; the maps are copied. */
    public LoopTuning {
        Topics.checkName(imagesTopic);
        Topics.checkName(viewsTopic);
        for (Duration d : new Duration[] {checkInterval, pollTimeout, minBackoff, maxBackoff, shutdownTimeout}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive, got " + d);
            }
        }
        if (maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("max backoff must be >= min backoff");
        }
        consumerOverrides = Map.copyOf(consumerOverrides);
        producerOverrides = Map.copyOf(producerOverrides);
    }

    /** The dead-letter topic of the images topic. */
    public String dlqTopic() {
        return Topics.dlq(imagesTopic);
    }

    /** With other input and output topics. */
    public LoopTuning withTopics(String images, String views) {
        return new LoopTuning(
                images,
                views,
                checkInterval,
                pollTimeout,
                minBackoff,
                maxBackoff,
                shutdownTimeout,
                consumerOverrides,
                producerOverrides);
    }

    /** With other check and poll intervals. */
    public LoopTuning withIntervals(Duration check, Duration poll) {
        return new LoopTuning(
                imagesTopic,
                viewsTopic,
                check,
                poll,
                minBackoff,
                maxBackoff,
                shutdownTimeout,
                consumerOverrides,
                producerOverrides);
    }

    /** With another retry backoff range. */
    public LoopTuning withBackoff(Duration min, Duration max) {
        return new LoopTuning(
                imagesTopic,
                viewsTopic,
                checkInterval,
                pollTimeout,
                min,
                max,
                shutdownTimeout,
                consumerOverrides,
                producerOverrides);
    }

    /** With another wait for the in-flight batch in close(). */
    public LoopTuning withShutdownTimeout(Duration timeout) {
        return new LoopTuning(
                imagesTopic,
                viewsTopic,
                checkInterval,
                pollTimeout,
                minBackoff,
                maxBackoff,
                timeout,
                consumerOverrides,
                producerOverrides);
    }

    /** With a consumer tuning property (fixed values still win). */
    public LoopTuning withConsumerProperty(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(consumerOverrides);
        m.put(key, value);
        return new LoopTuning(
                imagesTopic,
                viewsTopic,
                checkInterval,
                pollTimeout,
                minBackoff,
                maxBackoff,
                shutdownTimeout,
                m,
                producerOverrides);
    }

    /** With a producer tuning property (fixed values still win). */
    public LoopTuning withProducerProperty(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(producerOverrides);
        m.put(key, value);
        return new LoopTuning(
                imagesTopic,
                viewsTopic,
                checkInterval,
                pollTimeout,
                minBackoff,
                maxBackoff,
                shutdownTimeout,
                consumerOverrides,
                m);
    }
}
