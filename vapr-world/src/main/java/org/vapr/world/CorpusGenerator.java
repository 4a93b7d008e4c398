package org.vapr.world;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.vapr.core.Category;
import org.vapr.core.record.LlavaRecord;
import org.vapr.core.record.Message;

/**
 * Produces the corpus record by record: each record (and its scene) is a pure function of the options and its
 * index, so nothing is held in memory and any prefix of a run equals a shorter run.
 */
final class CorpusGenerator {
    static final String SHORT_SUFFIX = "\nAnswer the question using a single word or phrase.";
    static final String MC_SUFFIX = "\nAnswer with the option's letter from the given choices directly.";
    static final String CAPTION_PROMPT = "Provide a one-sentence caption for the provided image.";
    static final String REGION_PREFIX = "Please provide a short description for this region: ";
    static final String BBOX_PREFIX = "Please provide the bounding box coordinate of the region this sentence describes: ";
    static final List<String> DETAIL_PROMPTS = List.of("Describe the image in detail.",
            "Give an elaborate explanation of the image you see.", "Write a detailed description of the given image.",
            "Explain the visual content of the image in great detail.", "Analyze the image in a comprehensive and detailed manner.");
    static final List<String> OCR_PROMPTS = List.of("What word is written on the sign?", "What is the title of this book?",
            "What does the text in the image say?");
    private static final double TEXT_SHARE_PER_SCENE = 1.0 / 9.0;
    private static final long BASE62_SPACE = 3521614606208L; // 62^7
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    // category weights in short VQA and conversation records, in Category order (first seven)
    private static final Category[] QA_CATEGORIES = {Category.COUNTING, Category.COLOR, Category.OBJECT, Category.SPATIAL,
        Category.EXISTENCE, Category.SIZE, Category.BACKGROUND};

    /**
     * One generated record.
     *
     * @param kind       the record kind
     * @param record     the LLaVA record
     * @param scene      its scene, or null for text-only records
     * @param categories per question/answer turn, the category (null for kinds the builder drops)
     * @param qas        the generated questions behind the turns (empty for dropped kinds)
     */
    record Generated(RecordKind kind, LlavaRecord record, Scene scene, List<Category> categories, List<Qa> qas) {
    }

    private final SynthOptions options;
    private final SceneGenerator scenes;
    private final boolean perScene;

    CorpusGenerator(SynthOptions options) {
        this.options = options;
        this.scenes = new SceneGenerator(options.seed(), options.difficulty());
        this.perScene = options.records() == 0 && options.mix().equals("world");
    }

    /** Generates every record in order. */
    void forEach(Consumer<Generated> sink) {
        if (perScene) {
            double[] w = options.difficulty().sceneWeights();
            for (long i = 0; i < options.samples(); i++) {
                RecordKind kind = RecordKind.values()[SceneGenerator.pick(Seeds.rng(options.seed(), i, Seeds.KIND), w)];
                sink.accept(sceneRecord(i, kind));
                SplittableRandom t = Seeds.rng(options.seed(), i, Seeds.TEXT);
                if (t.nextDouble() < TEXT_SHARE_PER_SCENE) {
                    sink.accept(textRecord(i, t));
                }
            }
            return;
        }
        long n = options.records() > 0 ? options.records() : options.samples();
        double[] w = RecordKind.weights(options.mix());
        for (long i = 0; i < n; i++) {
            RecordKind kind = RecordKind.values()[SceneGenerator.pick(Seeds.rng(options.seed(), i, Seeds.KIND), w)];
            if (kind == RecordKind.TEXT_ONLY) {
                sink.accept(textRecord(i, Seeds.rng(options.seed(), i, Seeds.TEXT)));
            } else {
                sink.accept(sceneRecord(i, kind));
            }
        }
    }

    private String imagePath(long index, RecordKind kind, SplittableRandom r) {
        if (!options.mix().equals("llava665k")) {
            return SceneGenerator.imagePath(index);
        }
        String coco = String.format(Locale.ROOT, "coco/train2017/%012d.jpg", index + 1);
        return switch (kind) {
            case VQA -> r.nextDouble() < 0.44 ? "gqa/images/n" + (index + 1) + ".jpg" : coco;
            case CAPTION -> String.format(Locale.ROOT, "textvqa/train_images/%016x.jpg", Seeds.mix(index + 1) >>> 1);
            case OCR -> String.format(Locale.ROOT, "ocr_vqa/images/%010d.jpg", index + 1);
            case REGION, BBOX -> {
                double u = r.nextDouble();
                yield u < 0.36 ? coco : u < 0.9 ? "vg/VG_100K/" + (index + 1) + ".jpg" : "vg/VG_100K_2/" + (index + 1) + ".jpg";
            }
            default -> coco;
        };
    }

    static String stem(String image) {
        String name = image.substring(image.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private String textId(long index) {
        long v = Math.floorMod(index * 1_000_003L + Seeds.mix(options.seed()) % BASE62_SPACE, BASE62_SPACE);
        char[] c = new char[7];
        for (int i = 6; i >= 0; i--) {
            c[i] = BASE62.charAt((int) (v % 62));
            v /= 62;
        }
        return new String(c) + "_0";
    }

    Generated textRecord(long index, SplittableRandom r) {
        List<Message> conv = TextChats.conversation(r);
        List<Category> cats = new ArrayList<>();
        for (int i = 0; i < conv.size() / 2; i++) {
            cats.add(null);
        }
        return new Generated(RecordKind.TEXT_ONLY, new LlavaRecord(textId(index), null, conv), null, cats, List.of());
    }

    Generated sceneRecord(long index, RecordKind kind) {
        SplittableRandom r = Seeds.rng(options.seed(), index, Seeds.RECORD);
        String image = imagePath(index, kind, r);
        Scene scene = scenes.generate(index, image, kind == RecordKind.OCR);
        QaFactory f = new QaFactory(scene, r, options.yesShare(), options.difficulty());
        List<String[]> turns = new ArrayList<>();
        List<Category> cats = new ArrayList<>();
        List<Qa> qas = new ArrayList<>();
        switch (kind) {
            case VQA, INSTRUCT_CONVERSATION -> {
                boolean vqa = kind == RecordKind.VQA;
                int n = vqa ? 2 + r.nextInt(5) : 2 + r.nextInt(4);
                Set<String> seen = new HashSet<>();
                for (int attempt = 0; attempt < n * 4 && qas.size() < n; attempt++) {
                    Qa qa = f.make(QA_CATEGORIES[SceneGenerator.pick(r, options.difficulty().qaWeights)]);
                    if (qa == null || !seen.add(qa.question())) {
                        continue;
                    }
                    qas.add(qa);
                }
                if (qas.isEmpty()) {
                    qas.add(f.counting());
                }
                for (Qa qa : qas) {
                    turns.add(vqa ? new String[] {qa.question() + SHORT_SUFFIX, qa.shortAnswer()}
                            : new String[] {qa.question(), qa.longAnswer()});
                    cats.add(qa.category());
                }
            }
            case INSTRUCT_DETAIL -> {
                String q = DETAIL_PROMPTS.get(r.nextInt(DETAIL_PROMPTS.size()));
                Qa qa = new Qa(Category.CAPTIONING, q, null, f.detail(), null);
                qas.add(qa);
                turns.add(new String[] {q, qa.longAnswer()});
                cats.add(Category.CAPTIONING);
            }
            case INSTRUCT_REASONING -> {
                List<Qa> pool = f.reasoning();
                int n = Math.min(pool.size(), r.nextDouble() < 0.6 ? 1 : 2);
                for (int i = 0; i < n; i++) {
                    Qa qa = pool.remove(r.nextInt(pool.size()));
                    qas.add(qa);
                    turns.add(new String[] {qa.question(), qa.longAnswer()});
                    cats.add(Category.REASONING);
                }
            }
            case CAPTION -> {
                Qa qa = new Qa(Category.CAPTIONING, CAPTION_PROMPT, null, f.caption(), null);
                qas.add(qa);
                turns.add(new String[] {CAPTION_PROMPT, qa.longAnswer()});
                cats.add(Category.CAPTIONING);
            }
            case REGION -> {
                int n = 3 + r.nextInt(6);
                Set<String> seen = new HashSet<>();
                for (int attempt = 0; attempt < n * 4 && qas.size() < n; attempt++) {
                    Qa qa = f.referential(false);
                    if (seen.add(qa.question())) {
                        qas.add(qa);
                    }
                }
                for (Qa qa : qas) {
                    boolean described = qa.question().startsWith(REGION_PREFIX);
                    turns.add(new String[] {described ? qa.question() : qa.question() + SHORT_SUFFIX, qa.shortAnswer()});
                    cats.add(Category.REFERENTIAL);
                }
            }
            case MULTIPLE_CHOICE -> {
                String[] mc = f.multipleChoice();
                if (mc == null) {
                    Qa c = f.counting();
                    mc = new String[] {c.question() + "\nA. " + c.shortAnswer() + "\nB. " + (Integer.parseInt(c.shortAnswer()) + 1), "A"};
                }
                turns.add(new String[] {mc[0] + MC_SUFFIX, mc[1]});
                cats.add(null);
            }
            case BBOX -> {
                int n = 2 + r.nextInt(5);
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < n; i++) {
                    String[] b = f.bbox();
                    if (seen.add(b[0])) {
                        turns.add(new String[] {BBOX_PREFIX + b[0] + ".", b[1]});
                        cats.add(null);
                    }
                }
            }
            case OCR -> {
                List<String> prompts = new ArrayList<>(OCR_PROMPTS);
                int n = 1 + r.nextInt(2);
                for (int i = 0; i < n; i++) {
                    String q = prompts.remove(r.nextInt(prompts.size()));
                    turns.add(q.startsWith("What does") ? new String[] {q, "The text says " + scene.text() + "."}
                            : new String[] {q + SHORT_SUFFIX, scene.text()});
                    cats.add(null);
                }
            }
            default -> throw new IllegalStateException(kind.toString());
        }
        List<Message> conv = new ArrayList<>(turns.size() * 2);
        boolean tail = r.nextDouble() < 0.1;
        for (int i = 0; i < turns.size(); i++) {
            String q = turns.get(i)[0];
            if (i == 0) {
                q = tail ? q + "\n<image>" : "<image>\n" + q;
            }
            conv.add(Message.human(q));
            conv.add(Message.gpt(turns.get(i)[1]));
        }
        return new Generated(kind, new LlavaRecord(stem(image), image, conv), scene, cats, qas);
    }
}
