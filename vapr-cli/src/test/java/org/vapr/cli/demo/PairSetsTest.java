package org.vapr.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.InputException;
import org.vapr.core.io.Json;

/** Cutting the demo's datasets to the same turns, the held-out split and the SFT-on-VaPR corpus. */
class PairSetsTest {
    @TempDir
    Path tmp;

    private Path pairs(String name, String rejected, String... ids) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String id : ids) {
            b.append(String.format("{\"id\":\"%s\",\"source_id\":\"s%s\",\"turn\":0,\"image\":\"images/%s.png\",\"category\":\"color\","
                    + "\"prompt\":\"What color is the circle?\",\"chosen\":\"The circle is red.\",\"rejected\":\"%s\"}%n", id, id, id, rejected));
        }
        Path p = tmp.resolve(name);
        Files.writeString(p, b.toString());
        return p;
    }

    @Test
    void keepsOnlyTurnsEveryDatasetPairedInTheFirstDatasetsOrderAndHoldsOutTheTail() throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("vapr", pairs("a.jsonl", "The circle is blue.", "p1", "p2", "p3", "p4", "p5", "p6"));
        files.put("povid", pairs("b.jsonl", "The circle is red. There is a star.", "p6", "p5", "p4", "p2", "p1"));
        files.put("sima", pairs("c.jsonl", "The circle is red.", "p1", "p2", "p4", "p5", "p6", "p9"));
        PairSets sets = PairSets.read(files);
        assertThat(sets.common()).containsExactly("p1", "p2", "p4", "p5", "p6");
        PairSets.Split split = sets.split(0.2);
        assertThat(split.train()).containsExactly("p1", "p2", "p4", "p5");
        assertThat(split.eval()).containsExactly("p6");

        Path out = tmp.resolve("povid.train.jsonl");
        sets.write("povid", split.train(), out);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(4);
        assertThat(Json.mapper().readTree(lines.get(2)).get("id").asText()).isEqualTo("p4");
        assertThat(lines.get(0)).contains("There is a star.");
    }

    @Test
    void chosenCorpusIsOneLlavaRecordPerPairWithTheImageToken() throws IOException {
        Path corpus = tmp.resolve("chosen.json");
        PairSets.writeChosenCorpus(pairs("a.jsonl", "The circle is blue.", "p1", "p2"), corpus);
        JsonNode records = Json.mapper().readTree(corpus.toFile());
        assertThat(records).hasSize(2);
        assertThat(records.get(1).get("image").asText()).isEqualTo("images/p2.png");
        assertThat(records.get(1).at("/conversations/0/value").asText()).isEqualTo("<image>\nWhat color is the circle?");
        assertThat(records.get(1).at("/conversations/1/from").asText()).isEqualTo("gpt");
        assertThat(records.get(1).at("/conversations/1/value").asText()).isEqualTo("The circle is red.");
    }

    @Test
    void aLineWithoutAnIdIsRefusedNamingFileAndLine() throws IOException {
        Path bad = tmp.resolve("bad.jsonl");
        Files.writeString(bad, "{\"id\":\"p1\"}\n{\"prompt\":\"x\"}\n");
        assertThatThrownBy(() -> PairSets.read(Map.of("vapr", bad))).isInstanceOf(InputException.class)
                .hasMessageContaining("bad.jsonl: line 2").hasMessageContaining("field id");
    }

    @Test
    void balancingKeepsAsManyNoPreferringAsYesPreferringPairsAndEveryOtherPair() throws IOException {
        StringBuilder vapr = new StringBuilder();
        StringBuilder other = new StringBuilder();
        String[][] rows = {{"y1", "Yes, there is a star.", "No, there is no star."}, {"c1", "It is red.", "It is blue."},
            {"y2", "Yes.", "No."}, {"n1", "No, there is none.", "Yes, there is one."}, {"y3", "Yes", "No"}, {"c2", "2", "3"}};
        for (String[] r : rows) {
            String line = String.format("{\"id\":\"%s\",\"prompt\":\"q\",\"chosen\":\"%s\",\"rejected\":\"%s\"}%n", r[0], r[1], r[2]);
            vapr.append(line);
            other.append(line.replace(r[2], "something longer"));
        }
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("vapr", Files.writeString(tmp.resolve("v.jsonl"), vapr.toString()));
        files.put("povid", Files.writeString(tmp.resolve("p.jsonl"), other.toString()));

        PairSets sets = PairSets.read(files);

        assertThat(sets.balanceYesNo("vapr", sets.common())).containsExactly("y1", "c1", "n1", "c2");
        PairSets.Split split = sets.split(0.5); // y1 c1 y2 | n1 y3 c2: each split balanced on its own
        assertThat(sets.balanceYesNo("vapr", split.train())).containsExactly("c1");
        assertThat(sets.balanceYesNo("vapr", split.eval())).containsExactly("n1", "y3", "c2");
        assertThat(PairSets.yesNo(files.get("vapr"))).containsExactly(4, 3);
    }
}
