/** Guarded image fetchers by URI scheme: file roots, an opt-in http(s) client with SSRF checks. */
package dev.simclr.augment.fetch;
