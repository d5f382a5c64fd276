package dev.drey.kv;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/** Child JVM: consumes and writes, says "written", then waits to be killed without closing the store. */
public final class MvStoreCrashingWriter {
    private MvStoreCrashingWriter() {}

    public static void main(String[] args) throws Exception {
        KeyValueStore kv = MvStoreKeyValueStore.open(Path.of(args[0]), Clock.systemUTC(), true);
        kv.consume("nonce").orElseThrow();
        kv.putIfAbsent("written", "after".getBytes(StandardCharsets.UTF_8));
        System.out.print("written");
        System.out.flush();
        Thread.sleep(60_000);
    }
}
