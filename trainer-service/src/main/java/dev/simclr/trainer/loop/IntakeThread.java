package dev.simclr.trainer.loop;

import dev.simclr.trainer.input.ViewIntake;
import java.util.function.Consumer;

/** The polling loop on its own thread; a crash of the loop is reported, {@link #stop()} joins it. */
final class IntakeThread {

    private final ViewIntake intake;
    private final Thread thread;

    IntakeThread(ViewIntake intake, String name, Consumer<Throwable> onFailure) {
        this.intake = intake;
        this.thread = new Thread(
                () -> {
                    try {
                        intake.run();
                    } catch (Throwable t) {
                        onFailure.accept(t);
                    }
                },
                name);
    }

    ViewIntake intake() {
        return intake;
    }

    void start() {
        thread.start();
    }

    /** Stops polling and waits (up to 15 s) for the consumer to close. */
    void stop() {
        intake.stop();
        if (thread != Thread.currentThread() && thread.isAlive()) {
            try {
                thread.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
