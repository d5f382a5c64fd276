package dev.drey.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Missing vectors skip on a developer machine and fail under CI=true. */
class VectorsTest {
    @TempDir
    Path tmp;

    @Test
    void missingFolderSkipsLocallyAndFailsUnderCi() {
        String absent = tmp.resolve("no-such-folder").toString();
        TestAbortedException skip = assertThrows(TestAbortedException.class, () -> Vectors.dir(absent, null));
        assertTrue(skip.getMessage().contains("skipping"), skip.getMessage());
        assertThrows(TestAbortedException.class, () -> Vectors.dir(absent, "false"));
        AssertionFailedError fail = assertThrows(AssertionFailedError.class, () -> Vectors.dir(absent, "true"));
        assertTrue(fail.getMessage().contains("CI=true"), fail.getMessage());
        assertThrows(AssertionFailedError.class, () -> Vectors.file(absent, "TRUE", "bip340/test-vectors.csv"));
    }

    @Test
    void missingFileSkipsLocallyAndFailsUnderCi() {
        String present = tmp.toString();
        assertThrows(TestAbortedException.class, () -> Vectors.file(present, null, "bip340/test-vectors.csv"));
        assertThrows(AssertionFailedError.class, () -> Vectors.file(present, "true", "bip340/test-vectors.csv"));
    }

    @Test
    void presentFileIsReturnedEitherWay() throws Exception {
        Path f = Files.writeString(Files.createDirectories(tmp.resolve("bip340")).resolve("x.csv"), "x");
        assertEquals(f, Vectors.file(tmp.toString(), "true", "bip340/x.csv"));
        assertEquals(f, Vectors.file(tmp.toString(), null, "bip340/x.csv"));
    }
}
