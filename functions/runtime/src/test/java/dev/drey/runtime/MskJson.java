package dev.drey.runtime;

import dev.drey.nostr.JsonWriter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * MSK event-source batches as Lambda delivers them (the shape of the AWS Lambda developer guide's MSK
 * example: base64 key and value, headers as arrays of byte values), made from real Kafka records.
 */
public final class MskJson {
    private MskJson() {
    }

    /** One batch of {@code records}, all in partition {@code partition}, from {@code firstOffset} on. */
    public static String batch(List<ProducerRecord<byte[], byte[]>> records, int partition, long firstOffset) {
        List<String> entries = new ArrayList<>();
        long offset = firstOffset;
        for (ProducerRecord<byte[], byte[]> r : records) {
            entries.add(record(r, partition, offset++));
        }
        String topic = records.isEmpty() ? "drey.sign" : records.get(0).topic();
        return "{\"eventSource\":\"aws:kafka\",\"eventSourceArn\":\"arn:aws:kafka:eu-west-1:123456789012:cluster/"
                + "drey/abcd1234-abcd-cafe-abab-9876543210ab-4\",\"bootstrapServers\":\"b-1.drey.kafka.eu-west-1."
                + "amazonaws.com:9098,b-2.drey.kafka.eu-west-1.amazonaws.com:9098\",\"records\":{\""
                + topic + "-" + partition + "\":[" + String.join(",", entries) + "]}}";
    }

    public static String record(ProducerRecord<byte[], byte[]> r, int partition, long offset) {
        JsonWriter w = new JsonWriter();
        w.raw('{').string("topic").raw(':').string(r.topic());
        w.raw(',').string("partition").raw(':').number(partition);
        w.raw(',').string("offset").raw(':').number(offset);
        w.raw(',').string("timestamp").raw(':').number(1_700_000_000_000L + offset);
        w.raw(',').string("timestampType").raw(':').string("CREATE_TIME");
        w.raw(',').string("key").raw(':').string(Base64.getEncoder().encodeToString(r.key()));
        w.raw(',').string("value").raw(':').string(Base64.getEncoder().encodeToString(r.value()));
        w.raw(',').string("headers").raw(':').raw('[');
        boolean first = true;
        for (Header h : r.headers()) {
            if (!first) {
                w.raw(',');
            }
            first = false;
            w.raw('{').string(h.key()).raw(':').raw('[');
            byte[] v = h.value();
            for (int i = 0; i < v.length; i++) {
                if (i > 0) {
                    w.raw(',');
                }
                w.number(v[i]);
            }
            w.raw(']').raw('}');
        }
        w.raw(']').raw('}');
        return w.toString();
    }
}
