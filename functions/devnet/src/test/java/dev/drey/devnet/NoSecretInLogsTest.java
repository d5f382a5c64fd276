package dev.drey.devnet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.pairing.MasterSecretShare;
import dev.drey.crypto.pairing.PairingCurves;
import dev.drey.miner.DtaShareEntry;
import dev.drey.nostr.Event;
import dev.drey.nostr.Nip19;
import dev.drey.secrets.PassphraseKeyFile;
import dev.drey.secrets.SecretBundle;
import dev.drey.secrets.SecretKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No secret ever in a log line: a short federation run (3 miners: both DKGs, enrolment with a PIN, proof of life,
 * a ROAST issuance, so signers make and spend nonces) with everything that is logged captured (JUL / System.Logger
 * records with their stack traces, stdout and stderr, the progress lines, the devnet's detail log), then searched
 * for every secret the run made: each miner's identity key, FROST share and DTA share, its key file's passphrase,
 * the demo client's key, the investor's PIN and M-Pin token, in hex (both cases), bech32 (nsec) and base64
 * (standard and URL-safe, padded or not).
 */
class NoSecretInLogsTest {
    @TempDir
    Path dir;

    @Test
    void nothingLoggedCarriesASecretTheRunMade() throws IOException {
        StringBuilder logged = new StringBuilder();
        Handler capture = new Handler() {
            private final SimpleFormatter format = new SimpleFormatter();

            @Override
            public void publish(LogRecord r) {
                synchronized (logged) {
                    logged.append(format.format(r)).append('\n');
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        Level rootLevel = root.getLevel();
        root.addHandler(capture);
        root.setLevel(Level.FINE); // more than the devnet shows: what a verbose deployment would log
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        System.setOut(new PrintStream(tee(out, console), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(tee(err, console), true, StandardCharsets.UTF_8));
        List<String> progress = new ArrayList<>();
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        List<String> texts = new ArrayList<>();
        Integer pin = null;
        DevnetConfig config = new DevnetConfig(3, 2, 0, 0, PairingCurves.BLS381, dir, null);
        try (DevnetFederation f = DevnetFederation.builder(config).build()) {
            progress.add(f.startKafka());
            progress.add(f.startMiners());
            progress.add(f.dkgFrost());
            progress.add(f.dkgDta());
            progress.add(f.installFunctions());
            EnrolStep.Enrolment enrolled = EnrolStep.enrol(f);
            progress.add(enrolled.detail());
            Event claim = ProofOfLifeStep.proofOfLife(f, enrolled);
            RoastSignStep.Signed signed = RoastSignStep.sign(f, claim, enrolled);
            progress.add(signed.detail());
            assertTrue(signed.issuance().verify().isValid(), "the run signed its issuance");
            pin = enrolled.pin();
            secrets.put("M-Pin token", enrolled.token());
            byte[] demo = Nip19.decodeNsec(f.demoClientNsec());
            secrets.put("demo client key", demo);
            for (int i = 1; i <= config.miners(); i++) {
                Path minerDir = dir.resolve("miner-" + i);
                String passphrase = Files.readString(minerDir.resolve(MinerFunctionSet.PASSPHRASE_FILE)).strip();
                texts.add(passphrase);
                SecretBundle bundle = PassphraseKeyFile.open(Files.readAllBytes(minerDir.resolve(MinerFunctionSet.KEY_FILE)),
                        passphrase.toCharArray());
                for (SecretKind kind : bundle.kinds()) {
                    byte[] value = bundle.get(kind).orElseThrow();
                    secrets.put("miner " + i + " " + kind, value);
                    if (kind == SecretKind.DTA_SHARE) {
                        MasterSecretShare share = DtaShareEntry.decode(value);
                        texts.add(share.value().toString());
                        texts.add(share.value().toString(16));
                    }
                }
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
            root.removeHandler(capture);
            root.setLevel(rootLevel);
        }
        StringBuilder all = new StringBuilder();
        synchronized (logged) {
            all.append(logged);
        }
        all.append(console.toString(StandardCharsets.UTF_8)).append('\n');
        progress.forEach(p -> all.append(p).append('\n'));
        Path detail = dir.resolve("devnet.log");
        if (Files.exists(detail)) {
            all.append(Files.readString(detail));
        }
        String haystack = all.toString();
        assertTrue(haystack.length() > 1000, "the run logged something to search: " + haystack.length() + " chars");
        assertTrue(secrets.size() >= 2 + 3 * 3, "every miner's three secrets were found: " + secrets.keySet());

        for (Map.Entry<String, byte[]> s : secrets.entrySet()) {
            for (String form : encodings(s.getValue())) {
                assertFalse(haystack.contains(form), s.getKey() + " appears in the logs (as " + form.length() + " chars)");
            }
        }
        for (String t : texts) {
            assertFalse(haystack.contains(t), "a passphrase or DTA share value appears in the logs");
        }
        assertFalse(Pattern.compile("(?i)\\bpin\\b\\W{0,20}0*" + pin + "\\b").matcher(haystack).find(),
                "the PIN appears in the logs");
    }

    /** hex (lower, upper), base64 (standard, URL-safe; padded, unpadded), and nsec for 32-byte keys. */
    static List<String> encodings(byte[] secret) {
        List<String> forms = new ArrayList<>();
        String hex = HexFormat.of().formatHex(secret);
        forms.add(hex);
        forms.add(hex.toUpperCase(Locale.ROOT));
        forms.add(Base64.getEncoder().encodeToString(secret));
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(secret));
        forms.add(Base64.getUrlEncoder().encodeToString(secret));
        forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        if (secret.length == 32) {
            forms.add(Nip19.encodeNsec(secret));
        }
        return forms;
    }

    private static OutputStream tee(OutputStream a, OutputStream b) {
        return new OutputStream() {
            @Override
            public void write(int c) throws IOException {
                a.write(c);
                b.write(c);
            }

            @Override
            public void write(byte[] buf, int off, int len) throws IOException {
                a.write(buf, off, len);
                b.write(buf, off, len);
            }
        };
    }
}
