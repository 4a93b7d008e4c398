package org.vapr.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private Stream<Path> listing() throws IOException {
        return Files.list(dir).map(dir::relativize).sorted();
    }

    @Test
    void writesContentAndLeavesNoTemporaryFile() throws Exception {
        Path target = dir.resolve("out.bin");
        AtomicFiles.write(target, out -> out.write(new byte[] {1, 2, 3}));
        assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
        assertThat(listing()).containsExactly(Path.of("out.bin"));
    }

    @Test
    void targetAppearsOnlyWhenTheBodyIsDone() throws Exception {
        Path target = dir.resolve("late.txt");
        AtomicBoolean sawTarget = new AtomicBoolean(true);
        AtomicFiles.write(target, out -> {
            out.write("partial".getBytes(StandardCharsets.UTF_8));
            out.flush();
            sawTarget.set(Files.exists(target));
        });
        assertThat(sawTarget).isFalse();
        assertThat(Files.readString(target)).isEqualTo("partial");
    }

    @Test
    void replacesAnExistingFile() throws Exception {
        Path target = dir.resolve("m.json");
        Files.writeString(target, "old old old old");
        AtomicFiles.writeString(target, "new");
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(listing()).containsExactly(Path.of("m.json"));
    }

    @Test
    void failingBodyKeepsTheOldFileAndCleansUp() throws Exception {
        Path target = dir.resolve("keep.txt");
        Files.writeString(target, "old");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThat(Files.readString(target)).isEqualTo("old");
        assertThat(listing()).containsExactly(Path.of("keep.txt"));
    }

    @Test
    void failingBodyOnNewTargetCreatesNothing() throws Exception {
        Path target = dir.resolve("never.txt");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(listing()).isEmpty();
    }

    @Test
    void createsMissingParentDirectories() throws Exception {
        Path target = dir.resolve("a/b/c/file.txt");
        AtomicFiles.writeString(target, "x");
        assertThat(Files.readString(target)).isEqualTo("x");
        assertThat(Files.list(target.getParent()).count()).isEqualTo(1);
    }

    @Test
    void writeStringIsUtf8() throws Exception {
        Path target = dir.resolve("u.txt");
        AtomicFiles.writeString(target, "红色 café \uD83D\uDE00");
        assertThat(Files.readAllBytes(target)).isEqualTo("红色 café \uD83D\uDE00".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writeUncheckedWrapsIoErrors() throws Exception {
        Path target = dir.resolve("w.txt");
        AtomicFiles.writeUnchecked(target, out -> out.write('k'));
        assertThat(Files.readString(target)).isEqualTo("k");
        assertThatThrownBy(() -> AtomicFiles.writeUnchecked(target, out -> {
            throw new IOException("boom");
        })).isInstanceOf(UncheckedIOException.class).hasRootCauseMessage("boom");
        assertThat(Files.readString(target)).isEqualTo("k");
    }

    @Test
    void writtenFilesGetTheSamePermissionsAsOrdinaryFiles() throws Exception {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Path plain = dir.resolve("plain.txt");
        Files.writeString(plain, "x");
        Path atomic = dir.resolve("atomic.txt");
        AtomicFiles.writeString(atomic, "x");
        assertThat(Files.getPosixFilePermissions(atomic)).isEqualTo(Files.getPosixFilePermissions(plain));
    }
}
