package dev.drey.pol;

import dev.drey.crypto.Hex;
import dev.drey.crypto.nip44.Nip44;
import dev.drey.crypto.pairing.DleqProof;
import dev.drey.crypto.pairing.DtaShares;
import dev.drey.crypto.pairing.PairingGroup;
import dev.drey.crypto.pairing.VerifiableShare;
import dev.drey.nostr.Event;
import dev.drey.pol.protocol.DtaMessages;
import dev.drey.pol.protocol.SharePayload;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the miners' encrypted share responses to one request: decrypts each with the recipient's key,
 * checks signer, request, kind, identity, date and the DLEQ proof, and names every miner whose response
 * fails. Used by the PoL App (client secrets, permits) and the PoL service (server secret).
 */
public final class ShareCollector {
    private ShareCollector() {
    }

    /** A miner whose response was wrong, and why. */
    public record Forger(String minerPubkey, int index, String reason) {
    }

    /** The valid shares and the named forgers. */
    public record Collected(List<VerifiableShare> valid, List<Forger> forgers) {
        public List<Integer> forgerIndices() {
            return forgers.stream().map(Forger::index).toList();
        }

        /** Lagrange recombination of the valid shares; at least {@code threshold} are required. */
        public byte[] recombine(DtaFederation fed, PairingGroup group) {
            return DtaShares.recombine(fed.curve(), group, valid, fed.threshold());
        }
    }

    public static Collected collect(DtaFederation fed, byte[] recipientSecretKey, DtaShares.Kind kind,
            int responseKind, String requestId, byte[] identityHash, int date, List<Event> responses) {
        List<VerifiableShare> valid = new ArrayList<>();
        List<Forger> forgers = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (Event e : responses) {
            if (e.kind() != responseKind || DtaMessages.refusalCode(e).isPresent()) {
                continue; // not a share (refusals carry no share and name no forger)
            }
            Integer index = fed.indexOf(e.pubkey()).orElse(null);
            if (index == null) {
                continue; // not from a federation miner: ignore, nothing to name
            }
            String why = check(fed, recipientSecretKey, kind, requestId, identityHash, date, e, index, valid);
            if (why != null) {
                forgers.add(new Forger(e.pubkey(), index, why));
            } else if (!seen.add(index)) {
                valid.remove(valid.size() - 1); // a second share from one miner adds nothing
            }
        }
        return new Collected(List.copyOf(valid), List.copyOf(forgers));
    }

    private static String check(DtaFederation fed, byte[] sk, DtaShares.Kind kind, String requestId,
            byte[] identityHash, int date, Event e, int index, List<VerifiableShare> valid) {
        if (!e.verify().isValid()) {
            return "response signature does not verify";
        }
        SharePayload p;
        try {
            String json = Nip44.decrypt(e.content(), Nip44.conversationKey(sk, Hex.decode(e.pubkey())));
            p = DtaMessages.parseSharePayload(json);
        } catch (RuntimeException bad) {
            return "response does not decrypt to a share payload";
        }
        if (!p.requestId().equals(requestId) || p.shareKind() != kind || p.minerIndex() != index
                || !p.curve().equals(fed.curve().id()) || (kind != DtaShares.Kind.SERVER_SECRET
                        && (p.identityHash() == null || !Arrays.equals(Hex.decode(p.identityHash()), identityHash)))
                || (kind == DtaShares.Kind.TIME_PERMIT && p.date() != date)) {
            return "payload does not answer this request (request id, kind, index, curve, identity or date)";
        }
        VerifiableShare share;
        try {
            share = new VerifiableShare(index, Hex.decode(p.share()),
                    new DleqProof(new BigInteger(p.proofC(), 16), new BigInteger(p.proofZ(), 16)));
            if (!DtaShares.verify(fed.curve(), kind, fed.publicKey().publicShare(index), share, date, identityHash)) {
                return "DLEQ proof does not verify against the miner's public share";
            }
        } catch (RuntimeException bad) {
            return "share or proof malformed: " + bad.getMessage();
        }
        valid.add(share);
        return null;
    }
}
