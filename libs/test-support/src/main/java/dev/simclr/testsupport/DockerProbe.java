package dev.simclr.testsupport;

/**
 * What {@link LocalInfra} asks before it chooses containers: is a Docker engine there, and can an image be used
 * (present, or pulled within a short timeout). Each answer is null when all is well, else one line saying why not.
 */
interface DockerProbe {

    /** Null when a Docker engine answers, else why not. */
    String engineProblem();

    /** Null when {@code image} is present or could be pulled, else why not (only asked when an engine answers). */
    String imageProblem(String image);
}
