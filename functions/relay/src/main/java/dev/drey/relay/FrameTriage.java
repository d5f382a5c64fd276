package dev.drey.relay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.drey.crypto.Hex;
import java.io.IOException;
import java.util.Optional;

/**
 * A lenient first look at a frame the strict parser refused, to answer in the right form:
 * an EVENT whose id can be read gets {@code OK false}, a REQ whose subscription id can be read
 * gets {@code CLOSED}, anything else a NOTICE. Reads only the first few tokens.
 *
 * @param type           the message type, if the frame starts like a message
 * @param eventId        for EVENT and AUTH: the event's id, if it is 64 lowercase hex
 * @param subscriptionId for REQ and COUNT: the subscription id, if it is a valid one
 */
record FrameTriage(Optional<String> type, Optional<String> eventId, Optional<String> subscriptionId) {
    private static final JsonFactory LENIENT = new JsonFactory();
    private static final FrameTriage NOTHING = new FrameTriage(Optional.empty(), Optional.empty(), Optional.empty());

    static FrameTriage of(String frame) {
        try (JsonParser p = LENIENT.createParser(frame)) {
            if (p.nextToken() != JsonToken.START_ARRAY || p.nextToken() != JsonToken.VALUE_STRING) {
                return NOTHING;
            }
            String type = p.getText();
            switch (type) {
                case "EVENT", "AUTH" -> {
                    return new FrameTriage(Optional.of(type), eventId(p), Optional.empty());
                }
                case "REQ", "COUNT", "CLOSE" -> {
                    Optional<String> sub = Optional.empty();
                    if (p.nextToken() == JsonToken.VALUE_STRING) {
                        String s = p.getText();
                        if (!s.isEmpty() && s.length() <= 64) {
                            sub = Optional.of(s);
                        }
                    }
                    return new FrameTriage(Optional.of(type), Optional.empty(), sub);
                }
                default -> {
                    return new FrameTriage(Optional.of(type), Optional.empty(), Optional.empty());
                }
            }
        } catch (IOException | RuntimeException e) {
            return NOTHING;
        }
    }

    private static Optional<String> eventId(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return Optional.empty();
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (name.equals("id")) {
                return t == JsonToken.VALUE_STRING && Hex.isLowerHex(p.getText(), 32)
                        ? Optional.of(p.getText()) : Optional.empty();
            }
            p.skipChildren();
        }
        return Optional.empty();
    }
}
