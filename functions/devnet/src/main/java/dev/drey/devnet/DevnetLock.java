package dev.drey.devnet;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Who uses a devnet data directory: {@code drey devnet} holds it while it runs, {@code drey replay} while it
 * replays, so neither wipes nor opens the stores of a devnet that is running (an OS file lock on
 * {@value #FILE}, released when the process ends, however it ends).
 */
public final class DevnetLock implements AutoCloseable {
    public static final String FILE = "devnet.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DevnetLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the directory (creating it), or says clearly that another devnet process has it. */
    public static DevnetLock acquire(Path dir) {
        try {
            Files.createDirectories(dir);
            FileChannel ch = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                ch.close();
                throw new DevnetException("a devnet is running in " + dir + " (stop it with Ctrl-C, or use another "
                        + "--data-dir)");
            }
            return new DevnetLock(ch, l);
        } catch (IOException e) {
            throw new DevnetException("cannot lock " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the channel (and with the process) anyway
        }
    }
}
