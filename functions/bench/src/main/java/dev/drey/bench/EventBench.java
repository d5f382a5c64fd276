package dev.drey.bench;

import dev.drey.crypto.Hex;
import dev.drey.crypto.NativeSchnorr;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.Schnorr;
import dev.drey.nostr.ClientMessage;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.nostr.NostrParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The relay's hot path for one incoming event: parse the client's {@code ["EVENT",{...}]} frame
 * strictly, recompute the id, verify the signature ({@link Schnorr}, libsecp256k1 when loaded);
 * side by side with raw libsecp256k1 verify of the same signatures, the ceiling.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EventBench {
    private static final int INPUTS = 64;

    private final byte[][] frames = new byte[INPUTS][];
    private final byte[][] ids = new byte[INPUTS][];
    private final byte[][] pubkeys = new byte[INPUTS][];
    private final byte[][] sigs = new byte[INPUTS][];
    private final NostrParser parser = new NostrParser();
    private NativeSchnorr libsecp256k1;
    private int next;

    @Setup
    public void setUp() {
        libsecp256k1 = NativeSchnorr.load();
        if (!"libsecp256k1".equals(Schnorr.implementation())) {
            throw new IllegalStateException("benchmark expects the libsecp256k1 path: " + Schnorr.fallbackReason().orElse("?"));
        }
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < INPUTS; i++) {
            byte[] sk = Scalar.of(rnd.nextLong() & Long.MAX_VALUE).add(Scalar.ONE).encode();
            // A typical federation message: a few tags and a few hundred bytes of content.
            Event e = new EventTemplate(1_790_000_000L + i, 3423,
                    List.of(List.of("p", Hex.encode(Schnorr.publicKey(sk))), List.of("r", "request-" + i),
                            List.of("s", "session-" + i)),
                    "{\"v\":1,\"share\":\"" + "ab".repeat(100) + "\"}").sign(sk, new byte[32]);
            frames[i] = ("[\"EVENT\"," + e.toJson() + "]").getBytes(StandardCharsets.UTF_8);
            ids[i] = Hex.decode(e.id());
            pubkeys[i] = Hex.decode(e.pubkey());
            sigs[i] = Hex.decode(e.sig());
        }
    }

    private int index() {
        int i = next;
        next = (i + 1) % INPUTS;
        return i;
    }

    @Benchmark
    public boolean parseIdVerify() {
        ClientMessage m = parser.parseClientMessage(frames[index()]);
        return ((ClientMessage.EventMessage) m).event().verify().isValid();
    }

    @Benchmark
    public boolean rawLibsecp256k1Verify() {
        int i = index();
        return libsecp256k1.verify(pubkeys[i], ids[i], sigs[i]);
    }
}
