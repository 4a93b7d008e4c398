package org.vapr.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestsTest {
    static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    /** NIST: one million 'a'. */
    static final String MILLION_A = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";

    @TempDir
    Path dir;

    @Test
    void knownStringHashes() {
        assertThat(Digests.sha256("abc")).isEqualTo(ABC);
        assertThat(Digests.sha256("")).isEqualTo(EMPTY);
        assertThat(Digests.sha256("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ABC);
    }

    @Test
    void stringsAreHashedAsUtf8() {
        assertThat(Digests.sha256("café")).isEqualTo(Digests.sha256("café".getBytes(StandardCharsets.UTF_8)));
        assertThat(Digests.sha256("café")).isNotEqualTo(Digests.sha256("café".getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void fileHashes() throws Exception {
        Path small = dir.resolve("abc.txt");
        Files.writeString(small, "abc");
        assertThat(Digests.sha256(small)).isEqualTo(ABC);

        Path empty = Files.createFile(dir.resolve("empty"));
        assertThat(Digests.sha256(empty)).isEqualTo(EMPTY);

        // larger than the 64 KiB read buffer, and not a multiple of it
        byte[] a = new byte[1_000_000];
        Arrays.fill(a, (byte) 'a');
        Path big = dir.resolve("a.bin");
        Files.write(big, a);
        assertThat(Digests.sha256(big)).isEqualTo(MILLION_A);
    }
}
