/**
 * s3:// URIs on the MinIO SDK: checksummed get/put with retries, typed errors, riding through outages, verified
 * checkpoint sets.
 */
package dev.simclr.objectstore;
