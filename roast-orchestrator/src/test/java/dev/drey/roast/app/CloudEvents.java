package dev.drey.roast.app;

import dev.drey.nostr.Event;
import dev.drey.runtime.CloudEventDecoder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The HTTP headers a Knative KafkaSource sends with a Drey event record (binary mode). */
final class CloudEvents {
    private CloudEvents() {
    }

    static Map<String, String> headers(Event e, String topic, int partition, long offset, Instant receivedAt) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Ce-Specversion", "1.0");
        h.put("Ce-Type", CloudEventDecoder.KAFKA_SOURCE_TYPE);
        h.put("Ce-Source", "/apis/v1/namespaces/drey/kafkasources/roast-orchestrator-drey-sign#" + topic);
        h.put("Ce-Subject", "partition:" + partition + "#" + offset);
        h.put("Ce-Id", "partition:" + partition + "/offset:" + offset);
        h.put("Ce-Time", receivedAt.toString());
        h.put("Ce-Key", e.id());
        h.put("Ce-Kafkaheaderdreykind", Integer.toString(e.kind()));
        h.put("Ce-Kafkaheaderdreyreceivedat", Long.toString(receivedAt.toEpochMilli()));
        return h;
    }
}
