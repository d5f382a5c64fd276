package dev.drey.nostr;

import static dev.drey.nostr.Nip19Exception.Reason.BAD_TLV;
import static dev.drey.nostr.Nip19Exception.Reason.WRONG_LENGTH;
import static dev.drey.nostr.Nip19Exception.Reason.WRONG_PREFIX;

import dev.drey.crypto.Hex;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * NIP-19 bech32 entities: {@code npub}, {@code nsec}, {@code note} (bare 32 bytes) and
 * {@code nprofile} (TLV). Decoding is strict: checksum, single case, the expected prefix and
 * exact lengths; unknown TLV types are skipped as NIP-19 asks.
 */
public final class Nip19 {
    /** BIP-173's cap, for the bare 32-byte entities. */
    private static final int MAX_BARE = 90;
    /** TLV entities may exceed 90 characters; bounded so hostile input stays small. */
    private static final int MAX_TLV = 5000;
    private static final int TLV_SPECIAL = 0;
    private static final int TLV_RELAY = 1;

    private Nip19() {
    }

    public static String encodeNpub(String pubkeyHex) {
        return Bech32.encode("npub", hex32(pubkeyHex, "pubkey"));
    }

    /** The public key as lowercase hex. */
    public static String decodeNpub(String npub) {
        return Hex.encode(bare(npub, "npub"));
    }

    public static String encodeNote(String eventIdHex) {
        return Bech32.encode("note", hex32(eventIdHex, "event id"));
    }

    /** The event id as lowercase hex. */
    public static String decodeNote(String note) {
        return Hex.encode(bare(note, "note"));
    }

    public static String encodeNsec(byte[] secretKey) {
        if (secretKey == null || secretKey.length != 32) {
            throw new IllegalArgumentException("secret key must be 32 bytes");
        }
        return Bech32.encode("nsec", secretKey);
    }

    /** The 32-byte secret key. The caller owns (and should wipe) the array. */
    public static byte[] decodeNsec(String nsec) {
        return bare(nsec, "nsec");
    }

    public static String encodeNprofile(Nprofile profile) {
        ByteArrayOutputStream tlv = new ByteArrayOutputStream();
        writeTlv(tlv, TLV_SPECIAL, Hex.decode(profile.pubkey()));
        for (String relay : profile.relays()) {
            writeTlv(tlv, TLV_RELAY, relay.getBytes(StandardCharsets.UTF_8));
        }
        return Bech32.encode("nprofile", tlv.toByteArray());
    }

    public static Nprofile decodeNprofile(String nprofile) {
        byte[] data = decode(nprofile, "nprofile", MAX_TLV);
        String pubkey = null;
        List<String> relays = new ArrayList<>();
        int i = 0;
        while (i < data.length) {
            if (i + 2 > data.length) {
                throw new Nip19Exception(BAD_TLV, "nprofile: truncated TLV header");
            }
            int type = data[i] & 0xff;
            int len = data[i + 1] & 0xff;
            int start = i + 2;
            if (start + len > data.length) {
                throw new Nip19Exception(BAD_TLV, "nprofile: TLV type " + type + " runs past the end");
            }
            if (type == TLV_SPECIAL) {
                if (len != 32) {
                    throw new Nip19Exception(WRONG_LENGTH, "nprofile: pubkey must be 32 bytes, got " + len);
                }
                if (pubkey != null) {
                    throw new Nip19Exception(BAD_TLV, "nprofile: more than one pubkey");
                }
                byte[] pk = new byte[32];
                System.arraycopy(data, start, pk, 0, 32);
                pubkey = Hex.encode(pk);
            } else if (type == TLV_RELAY) {
                relays.add(new String(data, start, len, StandardCharsets.UTF_8));
            }
            // Other types are skipped: NIP-19 reserves them for later use.
            i = start + len;
        }
        if (pubkey == null) {
            throw new Nip19Exception(BAD_TLV, "nprofile: no pubkey (TLV type 0)");
        }
        return new Nprofile(pubkey, relays);
    }

    private static void writeTlv(ByteArrayOutputStream out, int type, byte[] value) {
        if (value.length > 255) {
            throw new IllegalArgumentException("TLV value longer than 255 bytes");
        }
        out.write(type);
        out.write(value.length);
        out.write(value, 0, value.length);
    }

    private static byte[] hex32(String hex, String what) {
        if (!Hex.isLowerHex(hex, 32)) {
            throw new IllegalArgumentException(what + " must be 64 lowercase hex characters");
        }
        return Hex.decode(hex);
    }

    private static byte[] bare(String s, String hrp) {
        byte[] data = decode(s, hrp, MAX_BARE);
        if (data.length != 32) {
            throw new Nip19Exception(WRONG_LENGTH, hrp + ": payload must be 32 bytes, got " + data.length);
        }
        return data;
    }

    private static byte[] decode(String s, String hrp, int maxLength) {
        Bech32.Decoded d = Bech32.decode(s, maxLength);
        if (!d.hrp().equals(hrp)) {
            throw new Nip19Exception(WRONG_PREFIX, "expected " + hrp + ", got " + quoteHrp(d.hrp()));
        }
        return d.data();
    }

    private static String quoteHrp(String hrp) {
        return hrp.length() > 16 ? hrp.substring(0, 16) + "..." : hrp;
    }
}
