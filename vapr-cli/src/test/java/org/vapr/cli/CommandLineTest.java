package org.vapr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    @TempDir
    Path tmp;

    @Test
    void helpListsCommandsAndExitCodes() {
        CliRun r = CliRun.of("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("demo", "synth", "build", "filter", "categorize", "sample", "edit", "Exit codes:", "Input error (missing or malformed input");
    }

    @Test
    void versionPrintsToolVersion() {
        CliRun r = CliRun.of("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("vapr ");
    }

    @Test
    void unknownOptionIsAUsageErrorWithOneLineAndHint() {
        CliRun r = CliRun.of("build", "--input", "x.json", "--out", "o", "--frobnicate");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("Unknown option: '--frobnicate'").contains("vapr build --help");
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        CliRun r = CliRun.of("build", "--out", tmp.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--input");
    }

    @Test
    void missingInputFileIsAnInputErrorWithoutStackTrace() {
        CliRun r = CliRun.of("build", "--input", tmp.resolve("nope.json").toString(), "--out", tmp.resolve("o").toString(), "-q");
        assertThat(r.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("nope.json").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void badStagesListIsAUsageError() throws IOException {
        Path in = tmp.resolve("in.json");
        Files.writeString(in, "[]", StandardCharsets.UTF_8);
        CliRun r = CliRun.of("build", "--input", in.toString(), "--out", tmp.resolve("o").toString(), "--stages", "categorize,filter", "-q");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void badImageSizeIsAUsageErrorNamingTheOption() {
        CliRun r = CliRun.of("synth", "--out", tmp.toString(), "--image-size", "5");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--image-size");
    }

    @Test
    void garbageInputIsAnInputError() throws IOException {
        Path in = tmp.resolve("in.json");
        Files.writeString(in, "hello", StandardCharsets.UTF_8);
        CliRun r = CliRun.of("build", "--input", in.toString(), "--out", tmp.resolve("o").toString(), "-q");
        assertThat(r.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(r.err()).contains("in.json").contains("byte 0");
    }
}
