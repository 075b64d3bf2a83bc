/**
 * The augmenter's configuration: the {@code @ConfigMapping}s (the schema: every key and default) and
 * {@link dev.simclr.augmenter.config.AugmenterSetup}, the one place that checks them and derives what they imply.
 */
package dev.simclr.augmenter.config;
