package dev.drey.crypto.election;

import dev.drey.crypto.frost.Dealer;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.SecretShare;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * FOR TESTS AND BENCHMARKS ONLY: a trusted dealer that knows the election secret. A real election key comes from
 * its own DKG run over nostr, where no one ever holds the secret. Reuses the FROST dealer's Shamir sharing.
 */
public final class ElectionTestDealer {
    /** The dealt key: its public side and every trustee's share. */
    public record Dealt(ElectionKey key, List<TrusteeShare> shares) {
        public Dealt {
            shares = List.copyOf(shares);
        }
    }

    private ElectionTestDealer() {
    }

    public static Dealt deal(int threshold, int trustees, SecureRandom rng) {
        Dealer.Output out = Dealer.generate(threshold, trustees, rng);
        Map<Integer, dev.drey.crypto.Point> publicShares = new TreeMap<>();
        for (Map.Entry<Identifier, dev.drey.crypto.Point> e : out.publicKeyPackage().verifyingShares().entrySet()) {
            publicShares.put(index(e.getKey()), e.getValue());
        }
        List<TrusteeShare> shares = out.shares().stream()
                .map((SecretShare s) -> new TrusteeShare(index(s.identifier()), s.signingShare())).toList();
        return new Dealt(new ElectionKey(out.publicKeyPackage().groupPublicKey(), threshold, publicShares), shares);
    }

    private static int index(Identifier id) {
        return id.value().toBigInteger().intValueExact();
    }
}
