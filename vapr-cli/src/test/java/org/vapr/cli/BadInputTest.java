package org.vapr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.io.Json;

/** A corpus with a BOM, CRLF, non-ASCII text, a mistyped field, a malformed line and a missing image. */
class BadInputTest {
    @TempDir
    Path tmp;
    Path input;

    @BeforeEach
    void writeCorpus() throws IOException {
        String corpus = "\uFEFF"
                + "{\"id\":\"a\",\"image\":\"x.png\",\"conversations\":[{\"from\":\"human\",\"value\":\"<image>\\nWhat color is the car?\"},{\"from\":\"gpt\",\"value\":\"Red\"}]}\r\n"
                + "{\"id\":\"b\",\"image\":\"x.png\",\"conversations\":[{\"from\":\"human\",\"value\":\"How many cats?\"},{\"from\":\"gpt\",\"value\":3}]}\r\n"
                + "{\"id\":\"c\", oops\r\n"
                + "{\"id\":\"d\",\"image\":\"missing.png\",\"conversations\":[{\"from\":\"human\",\"value\":\"Is there a dog? 狗\"},{\"from\":\"gpt\",\"value\":\"Yes\"}]}\r\n"
                + "{\"id\":\"e\",\"image\":\"x.png\",\"conversations\":[{\"from\":\"human\",\"value\":\"<image>\\nHow many café tables are there?\"},{\"from\":\"gpt\",\"value\":\"2\"}]}\r\n";
        input = tmp.resolve("in.jsonl");
        Files.writeString(input, corpus, StandardCharsets.UTF_8);
        Files.write(tmp.resolve("x.png"), new byte[] {1});
    }

    @Test
    void badRecordsAreCountedNamedAndTheOthersKept() throws IOException {
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("build", "--input", input.toString(), "--out", out.toString(), "--size", "10", "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("in.jsonl: line 2 (byte 244): field 'conversations[1].value': expected a string, got a number");
        assertThat(r.out()).contains("in.jsonl: line 3").contains("malformed JSON");
        JsonNode m = Json.mapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(m.at("/counts/dropped_by_reason/bad_record").asLong()).isEqualTo(2);
        assertThat(m.at("/counts/dropped_by_reason/missing_image").asLong()).isEqualTo(1);
        String pairs = Files.readString(out.resolve("pairs.jsonl"), StandardCharsets.UTF_8);
        assertThat(pairs).contains("\"source_id\":\"a\"").contains("café").doesNotContain("\"source_id\":\"d\"");
    }

    @Test
    void strictStopsAtTheFirstBadRecordWithOneLineAndExitCode3() throws IOException {
        Path out = tmp.resolve("o");
        Files.createDirectories(out);
        Files.writeString(out.resolve("manifest.json"), "{\"stale\": true}");
        CliRun r = CliRun.of("build", "--input", input.toString(), "--out", out.toString(), "--strict", "-q");
        assertThat(out.resolve("manifest.json")).as("a failed run leaves no manifest").doesNotExist();
        assertThat(r.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(r.err().strip()).isEqualTo("vapr build: " + input + ": line 2 (byte 244): field 'conversations[1].value': expected a string, got a number");
    }

    @Test
    void strictFailsOnAMissingImageNamingIt() throws IOException {
        Path clean = tmp.resolve("clean.jsonl");
        Files.writeString(clean, "{\"id\":\"d\",\"image\":\"missing.png\",\"conversations\":[{\"from\":\"human\",\"value\":\"Is there a dog?\"},{\"from\":\"gpt\",\"value\":\"Yes\"}]}\n");
        CliRun r = CliRun.of("build", "--input", clean.toString(), "--out", tmp.resolve("o").toString(), "--strict", "-q");
        assertThat(r.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(r.err()).contains("missing.png").doesNotContain("\tat ");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }
}
