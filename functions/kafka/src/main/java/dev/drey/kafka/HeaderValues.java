package dev.drey.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Strict reading and writing of the small text headers Drey records carry. */
final class HeaderValues {

    private static final int MAX_DIGITS = 18; // below Long.MAX_VALUE, so parsing cannot overflow

    private HeaderValues() {
    }

    static void putLong(Headers headers, String name, long value) {
        headers.add(name, Long.toString(value).getBytes(StandardCharsets.US_ASCII));
    }

    /** The single value of {@code name}, or a specific refusal if it is absent or repeated. */
    static byte[] single(Headers headers, String name, String where) {
        byte[] found = null;
        int count = 0;
        for (Header h : headers.headers(name)) {
            found = h.value();
            count++;
        }
        if (count == 0) {
            throw new RecordCodecException(RecordCodecException.Reason.MISSING_HEADER,
                    where + ": header " + name + " is missing");
        }
        if (count > 1) {
            throw new RecordCodecException(RecordCodecException.Reason.DUPLICATE_HEADER,
                    where + ": header " + name + " appears " + count + " times");
        }
        if (found == null) {
            throw new RecordCodecException(RecordCodecException.Reason.MALFORMED_HEADER,
                    where + ": header " + name + " has no value");
        }
        return found;
    }

    /** A non-negative decimal integer of at most 18 digits, no sign, no leading zeros. */
    static long nonNegativeLong(Headers headers, String name, String where) {
        byte[] v = single(headers, name, where);
        boolean ok = v.length >= 1 && v.length <= MAX_DIGITS && (v.length == 1 || v[0] != '0');
        long n = 0;
        for (int i = 0; ok && i < v.length; i++) {
            if (v[i] < '0' || v[i] > '9') {
                ok = false;
            } else {
                n = n * 10 + (v[i] - '0');
            }
        }
        if (!ok) {
            throw new RecordCodecException(RecordCodecException.Reason.MALFORMED_HEADER,
                    where + ": header " + name + " must be a non-negative decimal integer of at most "
                            + MAX_DIGITS + " digits");
        }
        return n;
    }

    /** Every value of {@code name} as UTF-8 text, in order. */
    static List<String> allText(Headers headers, String name, String where) {
        List<String> out = new ArrayList<>();
        for (Header h : headers.headers(name)) {
            if (h.value() == null) {
                throw new RecordCodecException(RecordCodecException.Reason.MALFORMED_HEADER,
                        where + ": header " + name + " has no value");
            }
            out.add(Utf8.decodeStrict(h.value(), () -> new RecordCodecException(
                    RecordCodecException.Reason.MALFORMED_HEADER, where + ": header " + name + " is not UTF-8")));
        }
        return out;
    }
}
