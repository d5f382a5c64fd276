package dev.drey.kv;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A child JVM of the multi-process tests: opens the store the {@code drey.kv.*} system properties name
 * (through {@link KeyValueStores}, so the factory is exercised too) and then
 * <ul>
 *   <li>{@code open}: prints {@code OPENED}, or {@code LOCKED <message>} and exits 3 on a locked file;</li>
 *   <li>{@code race <counter> <increments> <prizePrefix> <prizes>}: prints {@code ready}, waits for a line
 *       on stdin, consumes every prize key (printing {@code won <i> <hex value>} for each it gets) while
 *       adding {@code increments} to the counter with compare-and-set retries, and prints {@code done}.</li>
 * </ul>
 */
public final class KvProcessRace {
    private KvProcessRace() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("open")) {
            try (KeyValueStore store = KeyValueStores.open()) {
                System.out.println("OPENED " + store);
            } catch (KvStoreLockedException e) {
                System.out.println("LOCKED " + e.getMessage());
                System.out.flush();
                System.exit(3);
            }
            return;
        }
        if (args.length != 5 || !args[0].equals("race")) {
            System.err.println("usage: open | race <counter> <increments> <prizePrefix> <prizes>");
            System.exit(2);
        }
        String counter = args[1];
        int increments = Integer.parseInt(args[2]);
        String prizePrefix = args[3];
        int prizes = Integer.parseInt(args[4]);
        try (KeyValueStore store = KeyValueStores.open()) {
            store.get(counter); // connect before the start signal, so the race is not decided by start-up
            System.out.println("ready");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            // Consumes interleaved with increments, so the processes move at the same pace and meet on the prizes.
            int done = 0;
            for (int i = 0; i < prizes; i++) {
                Optional<Versioned> won = store.consume(prizePrefix + i);
                if (won.isPresent()) {
                    System.out.println("won " + i + " " + HexFormat.of().formatHex(won.get().value()));
                }
                for (int target = (int) ((long) increments * (i + 1) / prizes); done < target; done++) {
                    increment(store, counter);
                }
            }
            for (; done < increments; done++) {
                increment(store, counter);
            }
            System.out.println("done");
        }
    }

    /** Adds one to the 8-byte counter under {@code key}, retrying on every lost compare-and-set. */
    static void increment(KeyValueStore store, String key) {
        while (true) {
            Optional<Versioned> current = store.get(key);
            long count = current.map(v -> ByteBuffer.wrap(v.value()).getLong()).orElse(0L);
            long version = current.map(Versioned::version).orElse(0L);
            byte[] next = ByteBuffer.allocate(8).putLong(count + 1).array();
            if (store.compareAndSet(key, version, next).isPresent()) {
                return;
            }
        }
    }
}
