/** Record value in, view pair or dead-letter outcome out: parse, fetch, decode (cached), augment. */
package dev.simclr.augment.pipeline;
