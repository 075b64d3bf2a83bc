package dev.simclr.faults;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Samples every service's {@code /q/health/live} and {@code /q/health/ready} twice a second on a thread of its own. */
final class HealthWatch implements AutoCloseable {

    /** One sample: when (nanoTime), which service, the two HTTP statuses (-1 = no answer) and the readiness body. */
    record Sample(long nanos, String service, int live, int ready, String readyBody) {}

    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final Thread thread;

    HealthWatch(ServiceStack stack) {
        thread = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        for (String name : ServiceStack.NAMES) {
                            int live = stack.status(name, "/q/health/live");
                            ServiceStack.Response ready = stack.get(name, "/q/health/ready");
                            if (Thread.currentThread().isInterrupted()) {
                                return;
                            }
                            samples.add(new Sample(System.nanoTime(), name, live, ready.statusCode(), ready.body()));
                        }
                        try {
                            Thread.sleep(500);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "health-watch");
        thread.setDaemon(true);
        thread.start();
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    List<Sample> of(String service) {
        return samples.stream().filter(s -> s.service().equals(service)).toList();
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
