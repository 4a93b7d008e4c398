package org.vapr.analysis.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.analysis.PreferenceSample;
import org.vapr.core.InputException;

/** Every format from fixtures written after its published field layout, detected automatically. */
class SampleReaderTest {
    @TempDir
    Path tmp;

    private record Result(ReadSummary summary, List<PreferenceSample> samples) {
    }

    private Result read(String name, String content, SourceFormat format) throws IOException {
        return read(name, content, format, PairingMode.ALL);
    }

    private Result read(String name, String content, SourceFormat format, PairingMode pairing) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, content);
        List<PreferenceSample> out = new ArrayList<>();
        ReadSummary s = SampleReader.read(f, format, pairing, 7, out::add);
        return new Result(s, out);
    }

    @Test
    void vaprPairsJsonl() throws IOException {
        Result r = read("pairs.jsonl", """
                {"id":"a#0","source_id":"a","turn":0,"image":"images/a.png","category":"counting","prompt":"How many?","chosen":"There are 3 cats.","rejected":"There are 5 cats.","edit":{"editor":"rules","model":"m","spans":[],"word_edit_distance":1,"token_length_delta":0,"attempts":1}}
                """, SourceFormat.AUTO);
        assertThat(r.summary().format()).isEqualTo(SourceFormat.VAPR);
        assertThat(r.samples()).containsExactly(new PreferenceSample("a#0", "How many?", "There are 3 cats.", "There are 5 cats.",
                "counting", List.of("images/a.png")));
    }

    @Test
    void trlTypedContentAndPlainStrings() throws IOException {
        Result r = read("train.jsonl", """
                {"images":["/x/a.png"],"prompt":[{"role":"user","content":[{"type":"image"},{"type":"text","text":"What color?"}]}],"chosen":[{"role":"assistant","content":[{"type":"text","text":"It is red."}]}],"rejected":[{"role":"assistant","content":[{"type":"text","text":"It is blue."}]}]}
                {"prompt":"Q2","chosen":"C2","rejected":"R2","images":[]}
                """, SourceFormat.AUTO);
        assertThat(r.summary().format()).isEqualTo(SourceFormat.TRL);
        assertThat(r.samples()).extracting(PreferenceSample::prompt, PreferenceSample::chosen, PreferenceSample::rejected)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("What color?", "It is red.", "It is blue."),
                        org.assertj.core.groups.Tuple.tuple("Q2", "C2", "R2"));
        assertThat(r.samples().get(0).images()).containsExactly("/x/a.png");
    }

    @Test
    void llamaFactoryShareGptRankingArray() throws IOException {
        Result r = read("vapr.json", """
                [{"conversations":[{"from":"human","value":"<image>Is there a dog?"}],"chosen":{"from":"gpt","value":"Yes, there is a dog."},"rejected":{"from":"gpt","value":"No, there is no dog."},"images":["/x/b.png"]}]
                """, SourceFormat.AUTO);
        assertThat(r.summary().format()).isEqualTo(SourceFormat.LLAMAFACTORY);
        assertThat(r.summary().shape()).isEqualTo(RecordShape.ARRAY);
        assertThat(r.samples().get(0).prompt()).isEqualTo("<image>Is there a dog?");
        assertThat(r.samples().get(0).rejected()).isEqualTo("No, there is no dog.");
    }

    @Test
    void llavaNextArrayAndJsonl() throws IOException {
        String rec = "{\"id\":\"q1\",\"prompt\":\"<image>\\nWhat is left?\",\"chosen\":\"A cup.\",\"rejected\":\"A bowl.\",\"image\":\"/x/c.png\"}";
        Result arr = read("a.json", "[" + rec + "]", SourceFormat.AUTO);
        Result lines = read("a.jsonl", rec + "\n", SourceFormat.AUTO);
        assertThat(arr.summary().format()).isEqualTo(SourceFormat.LLAVA_NEXT);
        assertThat(lines.summary().format()).isEqualTo(SourceFormat.LLAVA_NEXT);
        assertThat(arr.samples()).isEqualTo(lines.samples());
        assertThat(arr.samples().get(0).id()).isEqualTo("q1");
    }

    @Test
    void povidAndSimaConversationPairs() throws IOException {
        String content = """
                [{"id":"p1","image":"COCO_1.jpg","conversations":[{"from":"human","value":"<image>\\nDescribe the image."},{"from":"gpt","value":"A man rides a horse."}],
                  "rejected_conversations":[{"from":"human","value":"<image>\\nDescribe the image."},{"from":"gpt","value":"A man rides a horse next to a dog and a red car on a beach at sunset."}]}]
                """;
        Result auto = read("povid.json", content, SourceFormat.AUTO);
        assertThat(auto.summary().format()).isEqualTo(SourceFormat.POVID);
        assertThat(auto.samples().get(0).chosen()).isEqualTo("A man rides a horse.");
        assertThat(auto.samples().get(0).rejected()).startsWith("A man rides a horse next to");
        Result sima = read("sima.json", content, SourceFormat.SIMA);
        assertThat(sima.summary().format()).isEqualTo(SourceFormat.SIMA);
        assertThat(sima.samples()).isEqualTo(auto.samples());
    }

    @Test
    void haDpoDescDataAllPairsOrOneSeededPairPerImage() throws IOException {
        String desc = """
                {
                  "101": {"chosen": ["c1", "c2"], "rejected": ["r1", "r2", "r3"]},
                  "102": {"chosen": ["d1"], "rejected": ["s1", "s2"]}
                }
                """;
        Result all = read("desc_data.json", desc, SourceFormat.AUTO);
        assertThat(all.summary().format()).isEqualTo(SourceFormat.HA_DPO);
        assertThat(all.summary().shape()).isEqualTo(RecordShape.KEYED_OBJECT);
        assertThat(all.samples()).hasSize(2 * 3 + 2);
        Result one = read("desc_data.json", desc, SourceFormat.AUTO, PairingMode.ONE_PER_IMAGE);
        Result again = read("desc_data.json", desc, SourceFormat.HA_DPO, PairingMode.ONE_PER_IMAGE);
        assertThat(one.samples()).hasSize(2).isEqualTo(again.samples());
        assertThat(one.samples().get(0).images()).containsExactly("101");
        assertThat(List.of("c1", "c2")).contains(one.samples().get(0).chosen());
    }

    @Test
    void haDpoPopeDataSkipsCorrectlyAnsweredRecords() throws IOException {
        Result r = read("pope_data.json", """
                [{"image_id": 5, "question": "Is there a cat in the image?", "answer": "yes", "chosen": "Yes, there is a cat.", "reject": "No, there is no cat.", "correct": false},
                 {"image_id": 6, "question": "Is there a dog in the image?", "answer": "no", "chosen": "No.", "reject": "No.", "correct": true}]
                """, SourceFormat.AUTO);
        assertThat(r.summary().format()).isEqualTo(SourceFormat.HA_DPO);
        assertThat(r.samples()).singleElement().extracting(PreferenceSample::rejected).isEqualTo("No, there is no cat.");
        assertThat(r.summary().skipped()).containsValue(1L);
    }

    @Test
    void rlaifVJsonlExport() throws IOException {
        Result r = read("rlaif.jsonl", """
                {"ds_name":"RLAIF-V","question":"What is in the image?","chosen":"A tree.","rejected":"A tall tree beside a house.","origin_dataset":"VQAv2","origin_split":"{}","idx":"17","image_path":"img/17.jpg"}
                """, SourceFormat.AUTO);
        assertThat(r.summary().format()).isEqualTo(SourceFormat.RLAIF_V);
        assertThat(r.samples().get(0)).isEqualTo(new PreferenceSample("17", "What is in the image?", "A tree.",
                "A tall tree beside a house.", null, List.of("img/17.jpg")));
    }

    @Test
    void rlhfVTextColumnHoldsJsonString() throws IOException {
        Result r = read("rlhfv.jsonl", """
                {"ds_name":"RLHF-V","text":"{\\"question\\": \\"Describe it.\\", \\"chosen\\": \\"A bus.\\", \\"rejected\\": \\"A red bus.\\"}","idx":3,"image_path":"i/3.jpg"}
                {"ds_name":"RLHF-V","text":"not json","idx":4}
                """, SourceFormat.AUTO);
        assertThat(r.summary().format()).isEqualTo(SourceFormat.RLHF_V);
        assertThat(r.samples()).singleElement().extracting(PreferenceSample::rejected).isEqualTo("A red bus.");
        assertThat(r.summary().problems()).isEqualTo(1);
        assertThat(r.summary().firstProblems().get(0).toLine()).contains("rlhfv.jsonl: line 2").contains("field 'text'");
    }

    @Test
    void vlFeedbackBestVersusWorstByMeanRatingTiesSkipped() throws IOException {
        Result r = read("vlfeedback.jsonl", """
                {"id":"v1","prompt":"Q","models":["a","b","c"],"img_path":"x.jpg","completions":[
                  {"annotations":{"Helpfulness":{"Rating":"4","Rationale":""},"Ethical Considerations":{"Rating":"5","Rationale":""},"Visual Faithfulness":{"Rating":"3","Rationale":""}},"model":"a","response":"middle"},
                  {"annotations":{"Helpfulness":{"Rating":"5","Rationale":""},"Ethical Considerations":{"Rating":"5","Rationale":""},"Visual Faithfulness":{"Rating":"5","Rationale":""}},"model":"b","response":"best"},
                  {"annotations":{"Helpfulness":{"Rating":"1","Rationale":""},"Ethical Considerations":{"Rating":"N/A","Rationale":""},"Visual Faithfulness":{"Rating":"2","Rationale":""}},"model":"c","response":"worst"}]}
                {"id":"v2","prompt":"Q","completions":[
                  {"annotations":{"Helpfulness":{"Rating":"3","Rationale":""}},"model":"a","response":"x"},
                  {"annotations":{"Helpfulness":{"Rating":"3","Rationale":""}},"model":"b","response":"y"}]}
                """.replace("\n  ", "  ").replace("[\n", "["), SourceFormat.AUTO);
        assertThat(r.summary().format()).isEqualTo(SourceFormat.VLFEEDBACK);
        assertThat(r.samples()).singleElement().satisfies(s -> {
            assertThat(s.chosen()).isEqualTo("best");
            assertThat(s.rejected()).isEqualTo("worst");
        });
        assertThat(r.summary().skipped()).containsEntry("vlfeedback: tie (all completions rated equally)", 1L);
    }

    @Test
    void badRecordIsOneLineNamingFileLineAndFieldAndOthersAreRead() throws IOException {
        Result r = read("mixed.jsonl", """
                {"id":"1","prompt":"<image>\\nQ","chosen":"A","rejected":"B","image":"a.png"}
                {"id":"2","prompt":"<image>\\nQ","chosen":7,"rejected":"B","image":"a.png"}
                {broken
                {"id":"4","prompt":"<image>\\nQ","chosen":"C","rejected":"D","image":"a.png"}
                """, SourceFormat.LLAVA_NEXT);
        assertThat(r.samples()).extracting(PreferenceSample::id).containsExactly("1", "4");
        assertThat(r.summary().problems()).isEqualTo(2);
        assertThat(r.summary().firstProblems().get(0).toLine())
                .startsWith(tmp.resolve("mixed.jsonl") + ": line 2 (byte ")
                .endsWith("field 'chosen': expected a string, got a number");
        assertThat(r.summary().firstProblems().get(1).toLine()).contains("line 3").contains("malformed JSON");
    }

    @Test
    void syntaxErrorInsideArrayStopsReadingButKeepsEarlierRecords() throws IOException {
        Result r = read("cut.json", "[{\"question\":\"q\",\"chosen\":\"a\",\"rejected\":\"b\"}, {\"question\": ", SourceFormat.AUTO);
        assertThat(r.samples()).hasSize(1);
        assertThat(r.summary().stoppedEarly()).isTrue();
    }

    @Test
    void unknownLayoutNamesFileAndFieldsFound() {
        assertThatThrownBy(() -> read("odd.jsonl", "{\"foo\":1,\"bar\":2}\n", SourceFormat.AUTO))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("odd.jsonl: line 1: cannot tell the format: found fields [foo, bar]")
                .hasMessageContaining("--format");
    }

    @Test
    void parquetIsRefusedWithAnExportHint() throws IOException {
        Path f = tmp.resolve("RLAIF-V-Dataset_000.parquet");
        Files.write(f, new byte[]{'P', 'A', 'R', '1', 0, 0});
        assertThatThrownBy(() -> SampleReader.read(f, SourceFormat.AUTO, PairingMode.ALL, 1, s -> { }))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("RLAIF-V-Dataset_000.parquet: Parquet is not read yet")
                .hasMessageContaining("JSONL");
    }
}
