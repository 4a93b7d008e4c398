package org.vapr.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonExtractorTest {

    @Test
    void takesTheWholeTextWhenItIsAnObject() {
        assertThat(JsonExtractor.firstObject("  {\"a\": 1}\n").path("a").asInt()).isEqualTo(1);
    }

    @Test
    void takesAFencedObject() {
        assertThat(JsonExtractor.firstObject("Here:\n```json\n{\"a\": 2}\n```\nDone").path("a").asInt()).isEqualTo(2);
        assertThat(JsonExtractor.firstObject("```\n{\"a\": 3}\n```").path("a").asInt()).isEqualTo(3);
    }

    @Test
    void takesTheFirstBalancedObjectInProseRespectingStrings() {
        String text = "Answer {not json} then {\"s\": \"a } and \\\" quote {\", \"n\": {\"x\": [1]}} and {\"b\": 9}";
        assertThat(JsonExtractor.firstObject(text).path("s").asText()).isEqualTo("a } and \" quote {");
        assertThat(JsonExtractor.firstObject(text).path("n").path("x").get(0).asInt()).isEqualTo(1);
    }

    @Test
    void returnsNullWithoutAnObject() {
        assertThat(JsonExtractor.firstObject("I cannot help with that.")).isNull();
        assertThat(JsonExtractor.firstObject("[1, 2]")).isNull();
        assertThat(JsonExtractor.firstObject("{\"unterminated\": ")).isNull();
        assertThat(JsonExtractor.firstObject("")).isNull();
        assertThat(JsonExtractor.firstObject(null)).isNull();
    }
}
