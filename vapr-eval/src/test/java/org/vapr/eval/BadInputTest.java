package org.vapr.eval;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.InputException;
import org.vapr.eval.parse.PopeParser;

class BadInputTest {
    @TempDir
    Path tmp;

    private Path write(String name, String content) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @Test
    void problemsNameFileLineAndField() throws IOException {
        Path pope = write("coco_pope_random.json", "{\"question_id\": 1, \"text\": \"Is there a cat?\", \"label\": \"yes\"}\n"
                + "{\"question_id\": 2, \"text\": \"Is there a dog?\", \"label\": \"maybe\"}\n");
        Path ok = write("a.jsonl", "{\"question_id\": 1, \"text\": \"yes\"}\n");
        assertThatThrownBy(() -> BenchmarkScoring.score(Benchmark.POPE, List.of(pope), List.of(ok), PopeParser.OFFICIAL))
                .isInstanceOf(InputException.class)
                .hasMessage(pope + ": line 2: field 'label': expected \"yes\" or \"no\", got \"maybe\"");
        Path good = write("coco_pope_popular.json", "{\"question_id\": 1, \"text\": \"Is there a cat?\", \"label\": \"yes\"}\n");
        Path noText = write("b.jsonl", "{\"question_id\": 1, \"text\": \"yes\"}\n{\"question_id\": 2}\n");
        assertThatThrownBy(() -> BenchmarkScoring.score(Benchmark.POPE, List.of(good), List.of(noText), PopeParser.OFFICIAL))
                .hasMessage(noText + ": line 2: field 'text': missing");
        Path broken = write("c.jsonl", "{\"question_id\": 1, \"text\": \"yes\"}\n{\"question_id\": 2, oops\n");
        assertThatThrownBy(() -> BenchmarkScoring.score(Benchmark.POPE, List.of(good), List.of(broken), PopeParser.OFFICIAL))
                .hasMessageStartingWith(broken + ": line 2: malformed JSON");
        Path cv = write("cv.jsonl", "{\"idx\": 0, \"question\": \"q\", \"choices\": [\"a\", \"b\"], \"answer\": \"(C)\", \"source\": \"COCO\"}\n");
        assertThatThrownBy(() -> BenchmarkScoring.score(Benchmark.CVBENCH, List.of(cv), List.of(ok), PopeParser.OFFICIAL))
                .hasMessage(cv + ": line 1: field 'answer': expected an option letter such as \"(A)\", got \"(C)\"");
    }
}
