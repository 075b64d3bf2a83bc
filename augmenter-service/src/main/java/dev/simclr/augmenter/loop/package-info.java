/** The augmenter's consume-transform-produce loop in plain Java: epochs as consumer groups, transactions, lag gate. */
package dev.simclr.augmenter.loop;
