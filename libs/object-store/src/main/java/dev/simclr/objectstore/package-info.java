/** s3:// URIs on the MinIO SDK: checksummed get/put with retries, typed errors, verified checkpoint sets. */
package dev.simclr.objectstore;
