package dev.drey.nostr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.drey.crypto.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;

class Nip19Test {
    // Example values from the NIP-19 text.
    static final String SPEC_NPUB = "npub10elfcs4fr0l0r8af98jlmgdh9c8tcxjvz9qkw038js35mp4dma8qzvjptg";
    static final String SPEC_PUB = "7e7e9c42a91bfef19fa929e5fda1b72e0ebc1a4c1141673e2794234d86addf4e";
    static final String SPEC_NSEC = "nsec1vl029mgpspedva04g90vltkh6fvh240zqtv9k0t9af8935ke9laqsnlfe5";
    static final String SPEC_SEC = "67dea2ed018072d675f5415ecfaed7d2597555e202d85b3d65ea4e58d2d92ffa";
    static final String SPEC_NPROFILE = "nprofile1qqsrhuxx8l9ex335q7he0f09aej04zpazpl0ne2cgukyawd24mayt8gpp4mhxue69uhhytnc9e3k7mgpz4mhxue69uhkg6nzv9ejuumpv34kytnrdaksjlyr9p";

    private static Nip19Exception.Reason error(Runnable r) {
        return assertThrows(Nip19Exception.class, r::run).reason();
    }

    @Test
    void specExamples() {
        assertEquals(SPEC_PUB, Nip19.decodeNpub(SPEC_NPUB));
        assertEquals(SPEC_NPUB, Nip19.encodeNpub(SPEC_PUB));
        assertEquals(SPEC_SEC, Hex.encode(Nip19.decodeNsec(SPEC_NSEC)));
        assertEquals(SPEC_NSEC, Nip19.encodeNsec(Hex.decode(SPEC_SEC)));
        Nprofile p = Nip19.decodeNprofile(SPEC_NPROFILE);
        assertEquals("3bf0c63fcb93463407af97a5e5ee64fa883d107ef9e558472c4eb9aaaefa459d", p.pubkey());
        assertEquals(List.of("wss://r.x.com", "wss://djbas.sadkb.com"), p.relays());
        assertEquals(SPEC_NPROFILE, Nip19.encodeNprofile(p));
    }

    /** Strings produced by nostr-tools 2.25.2 nip19.npubEncode / noteEncode / nprofileEncode. */
    @Test
    void nostrToolsInterop() {
        String pk = EventCanonicalTest.PUBKEY;
        assertEquals("npub1lycg5qvjtrp3qjf5f7zl382j9x6nrjz9sdhenvyxq8c3808qxmus6gq266", Nip19.encodeNpub(pk));
        assertEquals("note10mdggw0t39gv3vlch3uuh292l42nrvhfrahxnt9twt8m5qtzhwzsar3r8v",
                Nip19.encodeNote("7eda8439eb8950c8b3f8bc79cba8aafd5531b2e91f6e69acab72cfba0162bb85"));
        // nostr-tools writes the relay TLVs before the pubkey; order must not matter.
        Nprofile p = Nip19.decodeNprofile("nprofile1qythwumn8ghj7un9d3shjtn90psk6urvv5hxxmmdqyt8wumn8ghj7mn0wvhxcmmv9acxzarg8aur6vgqyrunpzspjfvvxyzfx38ct7ya2g5m2vwggkpklxdsscqlzyauuqm0jrelkwr");
        assertEquals(new Nprofile(pk, List.of("wss://relay.example.com", "wss://nos.lol/path?x=1")), p);
        assertEquals(p, Nip19.decodeNprofile(Nip19.encodeNprofile(p)));
    }

    @Test
    void roundTrips() {
        String id = "00ff".repeat(16);
        assertEquals(id, Nip19.decodeNote(Nip19.encodeNote(id)));
        byte[] sk = new byte[32];
        sk[31] = 1;
        assertArrayEquals(sk, Nip19.decodeNsec(Nip19.encodeNsec(sk)));
        Nprofile none = new Nprofile(SPEC_PUB, List.of());
        assertEquals(none, Nip19.decodeNprofile(Nip19.encodeNprofile(none)));
        Nprofile many = new Nprofile(SPEC_PUB, List.of("wss://a.example/" + "x".repeat(200), "wss://b", "wss://c", "wss://d"));
        String long1 = Nip19.encodeNprofile(many);
        assertEquals(true, long1.length() > 90);
        assertEquals(many, Nip19.decodeNprofile(long1));
        assertEquals(SPEC_PUB, Nip19.decodeNpub(SPEC_NPUB.toUpperCase()), "all-uppercase is valid bech32");
    }

    @Test
    void strictDecoding() {
        // one character changed: checksum fails
        String flipped = SPEC_NPUB.substring(0, 20) + (SPEC_NPUB.charAt(20) == 'q' ? 'p' : 'q') + SPEC_NPUB.substring(21);
        assertEquals(Nip19Exception.Reason.BAD_CHECKSUM, error(() -> Nip19.decodeNpub(flipped)));
        assertEquals(Nip19Exception.Reason.MIXED_CASE, error(() -> Nip19.decodeNpub("NPUB" + SPEC_NPUB.substring(4))));
        assertEquals(Nip19Exception.Reason.WRONG_PREFIX, error(() -> Nip19.decodeNpub(SPEC_NSEC)));
        assertEquals(Nip19Exception.Reason.WRONG_PREFIX, error(() -> Nip19.decodeNsec(SPEC_NPUB)));
        assertEquals(Nip19Exception.Reason.WRONG_PREFIX, error(() -> Nip19.decodeNote(SPEC_NPUB)));
        assertEquals(Nip19Exception.Reason.MALFORMED, error(() -> Nip19.decodeNpub("npub1bad")));
        assertEquals(Nip19Exception.Reason.MALFORMED, error(() -> Nip19.decodeNpub(SPEC_NPUB.replace('q', 'b'))));
        assertEquals(Nip19Exception.Reason.MALFORMED, error(() -> Nip19.decodeNpub(SPEC_NPUB + "q".repeat(40))));
        assertEquals(Nip19Exception.Reason.MALFORMED, error(() -> Nip19.decodeNpub(null)));
        // valid bech32 but 33 bytes / 31 bytes
        assertEquals(Nip19Exception.Reason.WRONG_LENGTH, error(() -> Nip19.decodeNpub(Bech32.encode("npub", new byte[33]))));
        assertEquals(Nip19Exception.Reason.WRONG_LENGTH, error(() -> Nip19.decodeNote(Bech32.encode("note", new byte[31]))));
        // non-zero padding bits: 32 bytes leave 4 padding bits in the last 5-bit group
        String npub = Nip19.encodeNpub(SPEC_PUB);
        assertEquals(Nip19Exception.Reason.MALFORMED, error(() -> Bech32.decode(reencodeWithLastGroup(npub, 1), 90)));
    }

    /** The npub's 5-bit groups with the last one (which holds the 4 padding bits) changed, re-checksummed. */
    private static String reencodeWithLastGroup(String s, int value) {
        String charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
        String data = s.substring(s.lastIndexOf('1') + 1, s.length() - 6);
        byte[] five = new byte[data.length()];
        for (int i = 0; i < five.length; i++) {
            five[i] = (byte) charset.indexOf(data.charAt(i));
        }
        five[five.length - 1] = (byte) (five[five.length - 1] | value);
        return Bech32.encodeFiveBit("npub", five);
    }

    @Test
    void nprofileTlv() {
        byte[] pk = Hex.decode(SPEC_PUB);
        // unknown type 7 is skipped
        byte[] withUnknown = concat(new byte[] {7, 2, 1, 2}, tlv(0, pk), tlv(1, "wss://r".getBytes()));
        assertEquals(new Nprofile(SPEC_PUB, List.of("wss://r")), Nip19.decodeNprofile(Bech32.encode("nprofile", withUnknown)));
        assertEquals(Nip19Exception.Reason.BAD_TLV,
                error(() -> Nip19.decodeNprofile(Bech32.encode("nprofile", tlv(1, "wss://r".getBytes())))));
        assertEquals(Nip19Exception.Reason.WRONG_LENGTH,
                error(() -> Nip19.decodeNprofile(Bech32.encode("nprofile", tlv(0, new byte[31])))));
        assertEquals(Nip19Exception.Reason.BAD_TLV,
                error(() -> Nip19.decodeNprofile(Bech32.encode("nprofile", concat(tlv(0, pk), new byte[] {1, 9, 'w'})))));
        assertEquals(Nip19Exception.Reason.BAD_TLV,
                error(() -> Nip19.decodeNprofile(Bech32.encode("nprofile", concat(tlv(0, pk), new byte[] {1})))));
        assertEquals(Nip19Exception.Reason.BAD_TLV,
                error(() -> Nip19.decodeNprofile(Bech32.encode("nprofile", concat(tlv(0, pk), tlv(0, pk))))));
        assertEquals(Nip19Exception.Reason.WRONG_PREFIX, error(() -> Nip19.decodeNprofile(SPEC_NPUB)));
    }

    private static byte[] tlv(int type, byte[] value) {
        return concat(new byte[] {(byte) type, (byte) value.length}, value);
    }

    private static byte[] concat(byte[]... parts) {
        return dev.drey.crypto.Bytes.concat(parts);
    }
}
