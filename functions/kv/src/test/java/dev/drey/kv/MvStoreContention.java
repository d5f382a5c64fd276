package dev.drey.kv;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Child JVM: 8 threads race compare-and-set increments on one key, then print "count N" (or the failure). */
public final class MvStoreContention {
    private MvStoreContention() {}

    public static void main(String[] args) throws Exception {
        int threads = 8;
        int perThread = Integer.parseInt(args[1]);
        try (KeyValueStore kv = MvStoreKeyValueStore.open(Path.of(args[0]), Clock.systemUTC(), false)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        while (true) {
                            Optional<Versioned> cur = kv.get("counter");
                            long count = cur.map(v -> ByteBuffer.wrap(v.value()).getLong()).orElse(0L);
                            if (kv.compareAndSet("counter", cur.map(Versioned::version).orElse(0L),
                                    ByteBuffer.allocate(8).putLong(count + 1).array()).isPresent()) {
                                break;
                            }
                        }
                    }
                    return null;
                }));
            }
            try {
                for (Future<?> f : done) {
                    f.get();
                }
            } catch (java.util.concurrent.ExecutionException e) {
                System.out.println("failed " + e.getCause());
                System.exit(2);
            } finally {
                pool.shutdownNow();
            }
            System.out.println("count " + ByteBuffer.wrap(kv.get("counter").orElseThrow().value()).getLong());
        }
    }
}
