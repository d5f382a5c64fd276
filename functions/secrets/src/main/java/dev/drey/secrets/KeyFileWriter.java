package dev.drey.secrets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a sealed key file so that no reader ever sees a partial file and, where the file system has POSIX
 * permissions, nobody but the owner can read it at any moment: the bytes go to an owner-only temporary file
 * beside the target (created with mode 0600, not chmod-ed afterwards), are forced to disk, then renamed.
 */
public final class KeyFileWriter {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** What was written: whether the file got mode 0600 (false where the file system has no POSIX modes). */
    public record Written(Path file, boolean ownerOnly) {
    }

    private KeyFileWriter() {
    }

    /**
     * @param overwrite replace an existing file; when false an existing {@code file} is an error and stays untouched
     */
    public static Written write(Path file, byte[] sealed, boolean overwrite) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (!overwrite && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new SecretStoreException(file + " exists; refusing to overwrite it");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new SecretStoreException("cannot write " + file + ": its directory does not exist");
        }
        Path tmp = null;
        try {
            boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
            FileAttribute<?>[] attrs = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                    : new FileAttribute<?>[0];
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp", attrs);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(sealed);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            move(tmp, target, overwrite);
            tmp = null;
            return new Written(target, posix);
        } catch (FileAlreadyExistsException e) {
            throw new SecretStoreException(file + " exists; refusing to overwrite it");
        } catch (IOException e) {
            throw new SecretStoreException("cannot write " + file + ": " + e, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file holds only sealed bytes
                }
            }
        }
    }

    private static void move(Path tmp, Path target, boolean overwrite) throws IOException {
        if (!overwrite) {
            // Without REPLACE_EXISTING the move fails if the target appeared meanwhile.
            Files.move(tmp, target);
            return;
        }
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
