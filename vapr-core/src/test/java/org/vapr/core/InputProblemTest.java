package org.vapr.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InputProblemTest {

    @Test
    void arrayRecordWithField() {
        InputProblem p = new InputProblem("llava.json", 17, 5123, "id", "missing", false);
        assertThat(p.toLine()).isEqualTo("llava.json: record 17 (byte 5123): field 'id': missing");
        assertThat(p.toString()).isEqualTo(p.toLine());
    }

    @Test
    void jsonlLineWithNestedField() {
        InputProblem p = new InputProblem("data/train.jsonl", 3, 250, "conversations[1].value",
                "expected a string, got a number", true);
        assertThat(p.toLine()).isEqualTo(
                "data/train.jsonl: line 3 (byte 250): field 'conversations[1].value': expected a string, got a number");
    }

    @Test
    void recordZeroIsPrinted() {
        assertThat(new InputProblem("a.json", 0, 1, "", "bad", false).toLine())
                .isEqualTo("a.json: record 0 (byte 1): bad");
        assertThat(new InputProblem("a.json", 0, 0, null, "bad", false).toLine())
                .isEqualTo("a.json: record 0 (byte 0): bad");
    }

    @Test
    void unknownPartsAreLeftOut() {
        assertThat(new InputProblem("a.json", -1, -1, "", "empty file", false).toLine())
                .isEqualTo("a.json: empty file");
        assertThat(new InputProblem("a.jsonl", 4, -1, "image", "expected a string", true).toLine())
                .isEqualTo("a.jsonl: line 4: field 'image': expected a string");
        assertThat(new InputProblem("a.json", -1, 99, "", "malformed JSON", false).toLine())
                .isEqualTo("a.json (byte 99): malformed JSON");
    }

    @Test
    void inputExceptionCarriesTheLine() {
        InputProblem p = new InputProblem("x.json", 2, 10, "id", "missing", false);
        InputException e = new InputException(p);
        assertThat(e.getMessage()).isEqualTo("x.json: record 2 (byte 10): field 'id': missing");
        assertThat(e.problem()).isSameAs(p);
        assertThat(new InputException("plain").problem()).isNull();
    }
}
