package dev.simclr.testsupport;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Test bean: sends strings on channel {@code rt-out} and records what arrives on {@code rt-in}. */
@ApplicationScoped
public class RoundTripChannels {

    private final List<String> received = new CopyOnWriteArrayList<>();

    @Inject
    @Channel("rt-out")
    Emitter<String> emitter;

    /** Sends one value through Kafka. */
    public void send(String value) {
        emitter.send(value).toCompletableFuture().join();
    }

    /** Records one value that came back from Kafka. */
    @Incoming("rt-in")
    public void receive(String value) {
        received.add(value);
    }

    /** Everything received so far. */
    public List<String> received() {
        return List.copyOf(received);
    }
}
