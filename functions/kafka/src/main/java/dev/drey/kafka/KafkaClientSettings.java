package dev.drey.kafka;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * How every Kafka client of a process reaches the cluster beyond its address: the security
 * protocol, SASL and TLS settings (e.g. MSK IAM: {@code security.protocol=SASL_SSL},
 * {@code sasl.mechanism=AWS_MSK_IAM}, {@code sasl.jaas.config}, {@code sasl.client.callback.handler.class}).
 * One value applied to producers, consumers and admin clients alike, so none of them is left
 * connecting in plain text to a listener that expects authentication.
 *
 * <p>Only {@code security.*}, {@code sasl.*} and {@code ssl.*} names are accepted: everything else
 * a client sets is its own tuning. The values may hold credentials (a JAAS config with a password,
 * key store passwords), so {@link #toString()} redacts them.
 */
public record KafkaClientSettings(Map<String, String> values) {

    /**
     * The client settings read by name (so also from environment variables, whose names cannot be
     * listed back as dotted names): {@code <prefix>security.protocol} is {@code KAFKA_SECURITY_PROTOCOL}
     * with the prefix {@code kafka.}.
     */
    public static final List<String> NAMES = List.of(
            "security.protocol",
            "sasl.mechanism",
            "sasl.jaas.config",
            "sasl.client.callback.handler.class",
            "sasl.login.callback.handler.class",
            "sasl.login.class",
            "sasl.oauthbearer.token.endpoint.url",
            "ssl.truststore.location",
            "ssl.truststore.password",
            "ssl.truststore.type",
            "ssl.truststore.certificates",
            "ssl.keystore.location",
            "ssl.keystore.password",
            "ssl.keystore.type",
            "ssl.keystore.key",
            "ssl.keystore.certificate.chain",
            "ssl.key.password",
            "ssl.endpoint.identification.algorithm");

    private static final List<String> PREFIXES = List.of("security.", "sasl.", "ssl.");
    private static final List<String> SASL_PROTOCOLS = List.of("SASL_PLAINTEXT", "SASL_SSL");

    // Declared after the lists its constructor checks against (static initialisation order).
    /** No settings: plain text, no authentication (Kafka's defaults). */
    public static final KafkaClientSettings NONE = new KafkaClientSettings(Map.of());

    public KafkaClientSettings {
        if (values == null) {
            throw new IllegalArgumentException("Kafka client settings must not be null (use NONE)");
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String name = e.getKey();
            if (!isClientSetting(name)) {
                throw new IllegalArgumentException("Kafka client setting '" + name
                        + "' is not a security.*, sasl.* or ssl.* setting");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("Kafka client setting " + name + " has no value");
            }
            sorted.put(name, e.getValue());
        }
        String protocol = sorted.getOrDefault("security.protocol", "PLAINTEXT").toUpperCase(Locale.ROOT);
        // Kafka ignores SASL settings under a non-SASL protocol and then cannot get past the
        // listener's handshake: a silent hang instead of an error, so refuse the mix up front.
        if (!SASL_PROTOCOLS.contains(protocol) && sorted.keySet().stream().anyMatch(n -> n.startsWith("sasl."))) {
            throw new IllegalArgumentException("SASL settings are given but security.protocol is " + protocol
                    + ": set security.protocol to SASL_SSL or SASL_PLAINTEXT");
        }
        values = Collections.unmodifiableMap(sorted);
    }

    public static KafkaClientSettings of(Map<String, String> values) {
        return new KafkaClientSettings(values);
    }

    /** Whether {@code name} is a setting this value carries (security, SASL or TLS). */
    public static boolean isClientSetting(String name) {
        return name != null && PREFIXES.stream().anyMatch(p -> name.startsWith(p) && name.length() > p.length());
    }

    /**
     * Reads the settings from a configuration: each of {@link #NAMES} as {@code prefix + name}
     * through {@code lookup} (so environment variables work), and any other {@code prefix + name}
     * among {@code configuredNames} whose name is a client setting (dotted names from property
     * files or system properties). Blank values count as unset.
     */
    public static KafkaClientSettings fromConfig(String prefix, Function<String, Optional<String>> lookup,
            Iterable<String> configuredNames) {
        Map<String, String> out = new TreeMap<>();
        for (String name : NAMES) {
            lookup.apply(prefix + name).filter(v -> !v.isBlank()).ifPresent(v -> out.put(name, v));
        }
        for (String full : configuredNames) {
            if (full.startsWith(prefix) && isClientSetting(full.substring(prefix.length()))
                    && !out.containsKey(full.substring(prefix.length()))) {
                String name = full.substring(prefix.length());
                lookup.apply(full).filter(v -> !v.isBlank()).ifPresent(v -> out.put(name, v));
            }
        }
        return new KafkaClientSettings(out);
    }

    /** The security protocol the clients use: as set, or Kafka's default {@code PLAINTEXT}. */
    public String securityProtocol() {
        return values.getOrDefault("security.protocol", "PLAINTEXT");
    }

    /** Puts every setting into a client's properties (over what is there) and returns them. */
    public Properties applyTo(Properties clientProperties) {
        clientProperties.putAll(values);
        return clientProperties;
    }

    /** For logs and errors: the protocol and mechanism, never a credential. */
    public String describe() {
        String mechanism = values.get("sasl.mechanism");
        return "security.protocol=" + securityProtocol() + (mechanism == null ? "" : ", sasl.mechanism=" + mechanism);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("KafkaClientSettings{");
        String sep = "";
        for (Map.Entry<String, String> e : values.entrySet()) {
            b.append(sep).append(e.getKey()).append('=').append(isSecret(e.getKey()) ? "(redacted)" : e.getValue());
            sep = ", ";
        }
        return b.append('}').toString();
    }

    /** A JAAS config may carry a password; key material and passwords are secrets. */
    static boolean isSecret(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("password") || n.contains("jaas") || n.contains("secret") || n.equals("ssl.keystore.key");
    }
}
