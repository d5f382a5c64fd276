package dev.drey.kv;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Redis backend (Redis 6.2 or newer, for GETDEL) on the Vert.x Redis client, usable with or without
 * Quarkus. Each entry is one Redis string {@code prefix + key} holding {@code version (8 bytes, big-endian)
 * || value}; expiry is Redis's own ({@code PX}), so it is measured by the server's clock.
 *
 * <ul>
 *   <li>putIfAbsent: {@code SET NX [PX]} at version 1.</li>
 *   <li>compareAndSet: a Lua script (EVALSHA, EVAL when the server does not have it cached) compares the
 *       stored version and writes in one atomic step.</li>
 *   <li>consume: {@code GETDEL}, atomic on the server: one caller gets the value, the rest get nil; then
 *       made durable before it returns (below).</li>
 * </ul>
 *
 * <p><b>Durable consume.</b> A consumed nonce must not come back when Redis crashes and reloads its
 * append-only file. On Redis 7.2 or newer (and servers reporting such a version) every consume is followed
 * by {@code WAITAOF 1 0 <timeout/2>} on the same connection, which returns once the deletion is fsynced
 * to the local AOF; if it is not confirmed in time the consume fails (the value is then lost to everyone,
 * never handed out twice). On older servers the store requires {@code appendonly yes} and
 * {@code appendfsync always} (checked with
 * {@code CONFIG GET} before the first consume and again every {@value #DURABILITY_RECHECK_SECONDS} s),
 * where Redis fsyncs every write before it replies. If neither holds, or the check cannot be made (CONFIG
 * disabled), consume refuses with a {@link KvException} before touching the key: fail closed.
 *
 * <p>Timeouts, lost connections and the server's LOADING / BUSY / TRYAGAIN / MASTERDOWN / READONLY /
 * CLUSTERDOWN replies are {@link KvTransientException}s; other error replies are plain {@link KvException}s.
 */
public final class RedisKeyValueStore implements KeyValueStore {
    public static final String DEFAULT_PREFIX = "drey:kv:";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    // KEYS[1] = key; ARGV[1] = expected version (8 bytes); ARGV[2] = new stored bytes; ARGV[3] = PX ms or "0"
    private static final String CAS_SCRIPT = """
            local current = redis.call('GET', KEYS[1])
            if not current or string.sub(current, 1, 8) ~= ARGV[1] then return 0 end
            if ARGV[3] == '0' then
              redis.call('SET', KEYS[1], ARGV[2])
            else
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            end
            return 1
            """;
    private static final String CAS_SHA = sha1Hex(CAS_SCRIPT);
    static final int DURABILITY_RECHECK_SECONDS = 60;
    /** Redis 7.2's WAITAOF, which this client release does not list yet. */
    private static final Command WAITAOF = Command.create("waitaof");
    /** Error reply codes of a server that is busy, starting or failing over: retrying later may succeed. */
    private static final java.util.Set<String> TRANSIENT_REPLIES = java.util.Set.of("LOADING", "BUSY", "TRYAGAIN",
            "MASTERDOWN", "READONLY", "CLUSTERDOWN", "NOREPLICAS");

    /** How consume is made durable on the server it talks to, as last checked. */
    enum Durability {
        /** Redis 7.2+: WAITAOF after each consume. */
        WAITAOF,
        /** Older Redis with appendonly yes and appendfsync always: every reply follows an fsync. */
        FSYNC_ALWAYS
    }

    private record DurabilityCheck(Durability durability, long checkedAtNanos) {
    }

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final Redis redis;
    private final String prefix;
    private final Duration timeout;
    private final String where;
    private volatile boolean closed;
    private volatile DurabilityCheck durabilityCheck;

    private RedisKeyValueStore(Vertx vertx, boolean ownsVertx, Redis redis, String prefix, Duration timeout,
            String where) {
        if (prefix == null) {
            throw new IllegalArgumentException("redis key prefix must not be null (use \"\" for none)");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("redis timeout must be positive, was " + timeout);
        }
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.redis = redis;
        this.prefix = prefix;
        this.timeout = timeout;
        this.where = where;
    }

    /**
     * Connects to {@code url} ({@code redis://[[user]:password@]host[:port][/db]}, or {@code rediss://} for
     * TLS) with a Vert.x instance of its own, closed by {@link #close()}.
     */
    public static RedisKeyValueStore connect(String url, String prefix, Duration timeout) {
        String where = redactedUrl(url);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        try {
            Redis redis = Redis.createClient(vertx, new RedisOptions()
                    .setConnectionString(url)
                    .setMaxPoolSize(8)
                    // callers block while waiting, so a deep queue only holds threads that wait anyway
                    .setMaxPoolWaiting(4096)
                    .setMaxWaitingHandlers(4096));
            return new RedisKeyValueStore(vertx, true, redis, prefix, timeout, where);
        } catch (RuntimeException e) {
            vertx.close();
            throw new KvException("redis: cannot set up a client for " + where + ": " + e.getMessage(), e);
        }
    }

    /** Uses a client the caller owns (e.g. Quarkus's); {@link #close()} leaves it open. */
    public static RedisKeyValueStore using(Redis redis, String prefix, Duration timeout) {
        if (redis == null) {
            throw new IllegalArgumentException("redis client must not be null");
        }
        return new RedisKeyValueStore(null, false, redis, prefix, timeout, "a caller-provided client");
    }

    @Override
    public Optional<Versioned> get(String key) {
        KvLimits.checkKey(key);
        Response r = send("GET", key, Request.cmd(Command.GET).arg(redisKey(key)));
        return Optional.ofNullable(r).map(RedisKeyValueStore::decode);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
        KvLimits.checkKey(key);
        KvLimits.checkValue(value);
        long ttlMillis = KvLimits.ttlMillis(ttl);
        Request set = Request.cmd(Command.SET).arg(redisKey(key)).arg(encode(1, value)).arg("NX");
        if (ttlMillis > 0) {
            set.arg("PX").arg(ttlMillis);
        }
        return send("putIfAbsent", key, set) != null; // nil when NX refused
    }

    @Override
    public OptionalLong compareAndSet(String key, long expectedVersion, byte[] newValue, Duration ttl) {
        long ttlMillis = KvLimits.checkCompareAndSet(key, expectedVersion, newValue, ttl);
        if (expectedVersion == 0) {
            return putIfAbsent(key, newValue, ttl) ? OptionalLong.of(1) : OptionalLong.empty();
        }
        byte[] expected = ByteBuffer.allocate(8).putLong(expectedVersion).array();
        byte[] stored = encode(expectedVersion + 1, newValue);
        Response r;
        try {
            r = await("compareAndSet", key, script(Command.EVALSHA, CAS_SHA, key, expected, stored, ttlMillis));
        } catch (ExecutionException e) {
            if (!String.valueOf(e.getCause().getMessage()).startsWith("NOSCRIPT")) {
                throw failure("compareAndSet", key, e.getCause());
            }
            // First use on this server (or after SCRIPT FLUSH / restart): send the script itself, which caches it.
            r = send("compareAndSet", key, script(Command.EVAL, CAS_SCRIPT, key, expected, stored, ttlMillis));
        }
        if (r == null) {
            throw new KvException("redis: compareAndSet of key '" + key + "' on " + where + " got no reply");
        }
        return r.toLong() == 1 ? OptionalLong.of(expectedVersion + 1) : OptionalLong.empty();
    }

    @Override
    public Optional<Versioned> consume(String key) {
        KvLimits.checkKey(key);
        Durability durability = durability(key); // refuses before the key is touched if nothing makes it durable
        Request getdel = Request.cmd(Command.GETDEL).arg(redisKey(key));
        if (durability == Durability.FSYNC_ALWAYS) {
            return Optional.ofNullable(send("consume", key, getdel)).map(RedisKeyValueStore::decode);
        }
        // WAITAOF waits for the writes of its own connection: a batch sends both on one connection. The
        // server gets half the client's timeout, so its answer arrives before the client gives up.
        long waitMillis = Math.max(1, timeout.toMillis() / 2);
        List<Response> replies = sendBatch("consume", key,
                List.of(getdel, Request.cmd(WAITAOF).arg(1).arg(0).arg(waitMillis)));
        Response r = replies.get(0);
        if (r != null) {
            Response acks = replies.get(1);
            if (acks == null || acks.size() < 1 || acks.get(0).toLong() < 1) {
                throw new KvTransientException("redis: consume of key '" + key + "' on " + where + ": the server"
                        + " did not confirm within " + waitMillis + " ms that the deletion reached its append-only file;"
                        + " the entry is gone but not handed out");
            }
        }
        return Optional.ofNullable(r).map(RedisKeyValueStore::decode);
    }

    /** How this server makes a consume durable; checked once and again every minute (config may change). */
    Durability durability(String key) {
        DurabilityCheck c = durabilityCheck;
        long now = System.nanoTime();
        if (c != null && now - c.checkedAtNanos() < TimeUnit.SECONDS.toNanos(DURABILITY_RECHECK_SECONDS)) {
            return c.durability();
        }
        Durability d = checkDurability(key);
        durabilityCheck = new DurabilityCheck(d, now);
        return d;
    }

    private Durability checkDurability(String key) {
        Response info = send("consume", key, Request.cmd(Command.INFO).arg("server"));
        String version = info == null ? "" : infoField(info.toString(), "redis_version");
        if (atLeast(version, 7, 2)) {
            return Durability.WAITAOF;
        }
        String appendonly;
        String appendfsync;
        try {
            appendonly = configValue(key, "appendonly");
            appendfsync = configValue(key, "appendfsync");
        } catch (KvTransientException e) {
            throw e; // the server did not answer: retry later, the settings may well be right
        } catch (KvException e) {
            throw new KvException("redis: consume of key '" + key + "' refused: " + where + " runs Redis "
                    + (version.isEmpty() ? "of unknown version" : version) + " (WAITAOF needs 7.2 or newer) and its"
                    + " persistence settings cannot be read (" + e.getMessage() + "); a consumed nonce could come"
                    + " back after a crash. Use Redis 7.2+, or allow CONFIG GET and set appendonly yes and"
                    + " appendfsync always", e);
        }
        if (!"yes".equalsIgnoreCase(appendonly) || !"always".equalsIgnoreCase(appendfsync)) {
            throw new KvException("redis: consume of key '" + key + "' refused: " + where + " runs Redis "
                    + (version.isEmpty() ? "of unknown version" : version) + " (WAITAOF needs 7.2 or newer) with"
                    + " appendonly " + appendonly + " and appendfsync " + appendfsync + "; a consumed nonce could"
                    + " come back after a crash. Set appendonly yes and appendfsync always, or use Redis 7.2+");
        }
        return Durability.FSYNC_ALWAYS;
    }

    private String configValue(String key, String name) {
        Response r = send("consume", key, Request.cmd(Command.CONFIG).arg("GET").arg(name));
        if (r == null) {
            throw new KvException("CONFIG GET " + name + " got no reply");
        }
        // RESP3: a map {name: value}; RESP2: the array [name, value]
        if (r.type() == ResponseType.MULTI) {
            if (r.getKeys().contains(name)) {
                return String.valueOf(r.get(name));
            }
            if (r.size() >= 2 && name.equalsIgnoreCase(String.valueOf(r.get(0)))) {
                return String.valueOf(r.get(1));
            }
        }
        throw new KvException("CONFIG GET " + name + " returned no value");
    }

    static String infoField(String info, String field) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).strip();
            }
        }
        return "";
    }

    /** Whether a "major.minor.patch" version is at least major.minor; false when it cannot be read. */
    static boolean atLeast(String version, int major, int minor) {
        String[] parts = version.split("\\.");
        try {
            int ma = Integer.parseInt(parts[0]);
            int mi = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return ma > major || ma == major && mi >= minor;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public boolean delete(String key) {
        KvLimits.checkKey(key);
        Response r = send("delete", key, Request.cmd(Command.DEL).arg(redisKey(key)));
        return r != null && r.toLong() > 0;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ownsVertx) {
            try {
                redis.close();
                vertx.close().toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                throw new KvException("redis: closing the client for " + where + " failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "RedisKeyValueStore[" + where + ", prefix '" + prefix + "']";
    }

    private Request script(Command command, String scriptOrSha, String key, byte[] expected, byte[] stored,
            long ttlMillis) {
        return Request.cmd(command).arg(scriptOrSha).arg(1).arg(redisKey(key))
                .arg(expected).arg(stored).arg(Long.toString(ttlMillis));
    }

    private byte[] redisKey(String key) {
        return (prefix + key).getBytes(StandardCharsets.UTF_8);
    }

    private Response send(String operation, String key, Request request) {
        try {
            return await(operation, key, request);
        } catch (ExecutionException e) {
            throw failure(operation, key, e.getCause());
        }
    }

    private List<Response> sendBatch(String operation, String key, List<Request> requests) {
        try {
            List<Response> replies = await(operation, key, () -> redis.batch(requests));
            if (replies == null || replies.size() != requests.size()) {
                throw new KvException("redis: " + operation + " of key '" + key + "' on " + where
                        + " got " + (replies == null ? 0 : replies.size()) + " replies to " + requests.size() + " commands");
            }
            return replies;
        } catch (ExecutionException e) {
            throw failure(operation, key, e.getCause());
        }
    }

    /** Sends and waits; a failure reply or lost connection is the ExecutionException's cause. */
    private Response await(String operation, String key, Request request) throws ExecutionException {
        return await(operation, key, () -> redis.send(request));
    }

    private <T> T await(String operation, String key, java.util.function.Supplier<Future<T>> call)
            throws ExecutionException {
        if (closed) {
            throw new KvTransientException("redis: " + operation + " of key '" + key + "' on " + where
                    + " failed: the store is closed");
        }
        if (Context.isOnEventLoopThread()) {
            // Blocking here would wait for the very thread that has to deliver the reply.
            throw new IllegalStateException("KeyValueStore calls block; do not make them on a Vert.x event loop");
        }
        Future<T> future;
        try {
            future = call.get();
        } catch (RuntimeException e) { // e.g. the client's event loop has been shut down
            throw failure(operation, key, e);
        }
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KvTransientException("redis: interrupted while waiting for " + where, e);
        } catch (TimeoutException e) {
            throw new KvTransientException("redis: no reply from " + where + " within " + timeout, e);
        }
    }

    private KvException failure(String operation, String key, Throwable cause) {
        // Redis error replies and connection errors never echo the values that were sent.
        String message = "redis: " + operation + " of key '" + key + "' on " + where + " failed: " + cause.getMessage();
        return isTransient(cause) ? new KvTransientException(message, cause) : new KvException(message, cause);
    }

    /**
     * An error reply is transient only for a server that is busy, loading or failing over; anything else
     * that is not a reply (connection refused or lost, pool exhausted, event loop gone) is transient.
     */
    static boolean isTransient(Throwable cause) {
        if (cause instanceof Response reply && reply.type() == ResponseType.ERROR) {
            String text = String.valueOf(cause.getMessage());
            int space = text.indexOf(' ');
            String code = space < 0 ? text : text.substring(0, space);
            return TRANSIENT_REPLIES.contains(code) || text.startsWith("ERR max number of clients");
        }
        return true;
    }

    private static byte[] encode(long version, byte[] value) {
        return ByteBuffer.allocate(8 + value.length).putLong(version).put(value).array();
    }

    private static Versioned decode(Response r) {
        byte[] stored = r.toBytes();
        if (stored == null || stored.length < 8) {
            throw new KvException("redis: a stored entry is " + (stored == null ? 0 : stored.length)
                    + " bytes, too short to hold a version (was it written by something else?)");
        }
        byte[] value = new byte[stored.length - 8];
        System.arraycopy(stored, 8, value, 0, value.length);
        return new Versioned(value, ByteBuffer.wrap(stored, 0, 8).getLong());
    }

    /** The URL without its user-info, so a password never reaches a message or a log. */
    static String redactedUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("redis url must not be empty");
        }
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || !(uri.getScheme().equals("redis") || uri.getScheme().equals("rediss"))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("redis url must look like redis://host:port, was "
                        + (uri.getRawUserInfo() == null ? url : "(a url with credentials)"));
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                    + (uri.getRawPath() == null ? "" : uri.getRawPath());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("redis url is not a valid URI");
        }
    }

    private static String sha1Hex(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java runtime", e);
        }
    }
}
