package dev.drey.pol.protocol;

import dev.drey.crypto.Hex;
import dev.drey.crypto.nip44.Nip44;
import dev.drey.crypto.pairing.VerifiableShare;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import java.security.SecureRandom;
import java.util.List;

/** Builds a miner's signed share response: the payload NIP-44 encrypted to one recipient, p-tagged to it. */
public final class ShareResponses {
    private ShareResponses() {
    }

    public static Event encrypted(byte[] minerSecretKey, ShareRequest request, String recipient, SharePayload payload,
            long now, SecureRandom rng) {
        byte[] conversationKey = Nip44.conversationKey(minerSecretKey, Hex.decode(recipient));
        String content = Nip44.encrypt(DtaMessages.sharePayloadJson(payload), conversationKey);
        List<List<String>> tags = List.of(List.of("p", recipient), List.of("e", request.eventId()));
        return new EventTemplate(now, DtaMessages.responseKind(request.kind()), tags, content)
                .sign(minerSecretKey, rng);
    }

    /** The payload for {@code share} answering {@code request}. */
    public static SharePayload payload(ShareRequest request, dev.drey.crypto.pairing.DtaShares.Kind kind,
            VerifiableShare share) {
        return new SharePayload(request.requestId(), kind, share.index(), request.curve(),
                request.identityHash() == null ? null : Hex.encode(request.identityHash()), request.date(),
                Hex.encode(share.point()), share.proof().c().toString(16), share.proof().z().toString(16));
    }
}
