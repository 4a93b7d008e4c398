package org.vapr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.io.Json;

/**
 * {@code vapr analyze --tokenizer PATH/tokenizer.json} with the real Qwen3 tokenizer, fetched by
 * {@code vapr-train/src/test/fetch-qwen3-tokenizer.sh} into {@code $VAPR_CACHE} (default {@code ~/.cache/vapr}).
 * Skipped when it is absent, failed when it is absent under {@code CI=true}.
 */
class AnalyzeHfTokenizerTest {
    @TempDir
    Path tmp;

    private static Path qwen3() {
        String cache = System.getenv("VAPR_CACHE");
        Path root = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache", "vapr");
        Path p = root.resolve("qwen3").resolve("tokenizer.json");
        if (!Files.isRegularFile(p)) {
            String msg = p + " is missing: run vapr-train/src/test/fetch-qwen3-tokenizer.sh";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(msg + " (CI=true: the real-tokenizer tests must run)");
            }
            assumeTrue(false, msg);
        }
        return p;
    }

    /** Two pairs whose Qwen3 token counts are known: 20 vs 10 digits (one token per digit), 8 vs 2 tokens. */
    private Path pairs() throws IOException {
        Path f = tmp.resolve("pairs.jsonl");
        Files.writeString(f, """
                {"question":"Read the number.","chosen":"12345678901234567890","rejected":"1234567890"}
                {"question":"Where is the cup?","chosen":"The cup is next to the plate.","rejected":"Hello world"}
                """);
        return f;
    }

    @Test
    void analyzeCountsWithTheHfTokenizerAndNamesIt() throws IOException {
        Path tokenizer = qwen3();
        Path data = pairs();
        Path json = tmp.resolve("out.json");
        CliRun run = CliRun.of("analyze", data.toString(), "--tokenizer", tokenizer.toString(), "--json", json.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode j = Json.mapper().readTree(json.toFile());
        assertThat(j.get("tokenizer").asText()).isEqualTo("hf:qwen3/tokenizer.json");
        assertThat(j.get("pairs").asInt()).isEqualTo(2);
        assertThat(j.at("/lengths/chosen_tokens/mean").asDouble()).isEqualTo((20 + 8) / 2.0);
        assertThat(j.at("/lengths/rejected_tokens/mean").asDouble()).isEqualTo((10 + 2) / 2.0);
        assertThat(j.at("/token_length_delta/chosen_longer").asDouble()).isEqualTo(1.0);
        assertThat(j.at("/token_length_delta/mean_when_longer").asDouble()).isEqualTo((10 + 6) / 2.0);

        // the directory holding tokenizer.json works too, and o200k counts the digits differently
        Path json2 = tmp.resolve("o200k.json");
        assertThat(CliRun.of("analyze", data.toString(), "--json", json2.toString()).exitCode()).isZero();
        JsonNode o = Json.mapper().readTree(json2.toFile());
        assertThat(o.get("tokenizer").asText()).isEqualTo("o200k_base");
        assertThat(o.at("/lengths/chosen_tokens/mean").asDouble()).isNotEqualTo((20 + 8) / 2.0);
        Path json3 = tmp.resolve("dir.json");
        CliRun dir = CliRun.of("analyze", data.toString(), "--tokenizer", tokenizer.getParent().toString(), "--json", json3.toString());
        assertThat(dir.exitCode()).as(dir.err()).isZero();
        assertThat(Json.mapper().readTree(json3.toFile()).get("tokenizer").asText()).isEqualTo("hf:qwen3/tokenizer.json");
    }

    @Test
    void compareUsesOneTokenizerForEveryFile() throws IOException {
        Path data = pairs();
        Path json = tmp.resolve("cmp.json");
        CliRun run = CliRun.of("compare", data.toString(), data.toString(), "--labels", "a,b", "--tokenizer", qwen3().toString(),
                "--json", json.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode j = Json.mapper().readTree(json.toFile());
        for (String label : new String[]{"a", "b"}) {
            assertThat(j.at("/" + label + "/tokenizer").asText()).isEqualTo("hf:qwen3/tokenizer.json");
            assertThat(j.at("/" + label + "/lengths/chosen_tokens/mean").asDouble()).isEqualTo(14.0);
        }
    }

    @Test
    void missingTokenizerFileIsAnInputErrorOnOneLine() throws IOException {
        Path missing = tmp.resolve("nowhere/tokenizer.json");
        CliRun run = CliRun.of("analyze", pairs().toString(), "--tokenizer", missing.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(run.err().strip().lines().count()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains(missing.toString()).doesNotContain("\tat ");
    }

    @Test
    void malformedTokenizerFileIsAnInputError() throws IOException {
        Path bad = tmp.resolve("tokenizer.json");
        Files.writeString(bad, "{\"model\": ");
        CliRun run = CliRun.of("analyze", pairs().toString(), "--tokenizer", bad.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(run.err().strip().lines().count()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains(bad.toString()).contains("not a valid Hugging Face tokenizer.json");
    }

    @Test
    void unknownTokenizerNameIsAUsageErrorOnOneLine() throws IOException {
        CliRun run = CliRun.of("analyze", pairs().toString(), "--tokenizer", "llama3");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err().strip().lines().findFirst().orElseThrow())
                .contains("unknown tokenizer 'llama3'").contains("o200k").contains("tokenizer.json");
    }
}
