/**
 * Checks of the deployment files (Dockerfiles, docker-compose.yml, kustomize overlays) against the build and the
 * services' configuration.
 */
package dev.simclr.deploy;
