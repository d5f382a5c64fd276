package dev.drey.kv;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ByteArrayDataType;

/**
 * The MVStore value type of {@link MvStoreKeyValueStore}: byte arrays stored exactly as H2's
 * {@link ByteArrayDataType} stores them (so existing files read unchanged), but with a defined, unsigned
 * byte-wise {@link #compare}. MVMap's conditional {@code replace} and {@code remove} compare the expected
 * value with the stored one whenever they are not the same array, which happens whenever another thread
 * wrote in between; H2 releases before 2.4 do not implement {@code compare} for byte arrays and throw
 * {@code UnsupportedOperationException: Can not compare} there. Owning the type makes compare-and-set
 * under contention independent of which H2 release is on the class path.
 */
final class StoredBytesType extends BasicDataType<byte[]> {
    static final StoredBytesType INSTANCE = new StoredBytesType();

    private StoredBytesType() {}

    @Override
    public int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    @Override
    public int getMemory(byte[] value) {
        return ByteArrayDataType.INSTANCE.getMemory(value);
    }

    @Override
    public void write(WriteBuffer buffer, byte[] value) {
        ByteArrayDataType.INSTANCE.write(buffer, value);
    }

    @Override
    public byte[] read(ByteBuffer buffer) {
        return ByteArrayDataType.INSTANCE.read(buffer);
    }

    @Override
    public byte[][] createStorage(int size) {
        return new byte[size][];
    }
}
