package org.vapr.pipeline;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.vapr.core.AnswerVerifier;
import org.vapr.core.Category;
import org.vapr.core.InputException;
import org.vapr.core.InputProblem;
import org.vapr.core.Verdict;
import org.vapr.core.io.JsonlReader;
import org.vapr.core.io.JsonlWriter;
import org.vapr.core.io.LlavaReader;
import org.vapr.core.io.ReadItem;
import org.vapr.core.manifest.RunManifest;
import org.vapr.core.manifest.Tally;
import org.vapr.core.record.EditInfo;
import org.vapr.core.record.PreferencePair;
import org.vapr.pipeline.edit.AnswerExtender;
import org.vapr.pipeline.edit.EditProposal;
import org.vapr.pipeline.edit.EditRequest;
import org.vapr.pipeline.edit.Editor;
import org.vapr.pipeline.edit.PenaltyList;
import org.vapr.pipeline.edit.RuleEditor;
import org.vapr.pipeline.edit.TokenCounter;
import org.vapr.pipeline.edit.ValidationBounds;
import org.vapr.pipeline.edit.Validator;
import org.vapr.pipeline.export.TrainerExports;
import org.vapr.pipeline.select.Candidate;
import org.vapr.pipeline.select.Categorizer;
import org.vapr.pipeline.select.Drop;
import org.vapr.pipeline.select.RuleSet;
import org.vapr.pipeline.select.SampledCandidate;
import org.vapr.pipeline.select.Sampler;
import org.vapr.pipeline.select.Shares;
import org.vapr.pipeline.select.Turn;
import org.vapr.pipeline.select.TurnFilter;

/**
 * Builds a VaPR preference dataset: streams a LLaVA-format corpus (JSON array or JSONL, never loaded whole)
 * through filter → categorize → sample → extend → edit → validate, and writes into the out dir
 * {@code pairs.jsonl}, the trainer exports ({@code trl/train.jsonl}, {@code llamafactory/vapr.json} +
 * {@code dataset_info.json}, {@code llava-next/vapr.json}) and {@code manifest.json}.
 *
 * <p>A run covers a contiguous range of {@link Stage}s: from {@link Builder#optFrom(Stage)} (default FILTER,
 * reading the corpus; a later start reads that stage's {@link Stage#inputFile()} given as input) to the last
 * stage of {@link Builder#optStages(List)}. Ending before EDIT writes the stage file ({@code turns.jsonl},
 * {@code candidates.jsonl}, {@code sampled.jsonl}); ending at FILTER or CATEGORIZE also writes
 * {@code dropped.jsonl} (always written with {@link Builder#optWriteDropped(boolean)}).
 *
 * <p>Same input, options and seed give byte-identical outputs; the manifest differs only in
 * {@link RunManifest#TIMING_KEYS}. Bad records are counted ({@code bad_record}) and never stop a run unless
 * {@link Builder#optStrict(boolean)} is on; input-level errors throw {@link InputException}.
 */
public final class BuildPipeline {
    private static final int MAX_LISTED_PROBLEMS = 20;
    private static final long PROGRESS_EVERY = 10_000;
    private static final long EDIT_SALT = 0x5DEECE66DL;

    private final Builder o;

    private BuildPipeline(Builder b) {
        this.o = b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs the configured stages and writes everything into the out dir. */
    public BuildReport run() throws IOException {
        return new Run(o).execute();
    }

    /** Options of a build; {@code set*} are required, {@code opt*} have defaults. */
    public static final class Builder {
        private Path input;
        private Path out;
        private Path images;
        private int size = 1000;
        private long seed = 42;
        private List<Stage> stages = List.of(Stage.values());
        private Stage from = Stage.FILTER;
        private boolean strict;
        private boolean extendShort = true;
        private Path rules;
        private Path distribution;
        private AnswerVerifier verifier;
        private String editorName = RuleEditor.NAME;
        private Editor editor;
        private Clock clock = Clock.systemUTC();
        private LongConsumer progress = n -> { };
        private String commandLine;
        private boolean writeDropped;
        private int penaltyTopK = 2;
        private ValidationBounds bounds = ValidationBounds.defaults();

        private Builder() {
        }

        /** The corpus (LLaVA JSON array or JSONL), or the stage file of {@link #optFrom(Stage)}. */
        public Builder setInput(Path corpusOrJsonl) {
            this.input = corpusOrJsonl;
            return this;
        }

        /** The output directory (created if needed). */
        public Builder setOut(Path dir) {
            this.out = dir;
            return this;
        }

        /** Image root: images are checked to exist at edit time and exports use absolute paths under it. */
        public Builder optImages(Path imageRoot) {
            this.images = imageRoot;
            return this;
        }

        /** Number of pairs to sample (default 1000). */
        public Builder optSize(int pairs) {
            this.size = pairs;
            return this;
        }

        /** Seed of the sampler and the editors (default 42). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** A prefix of [filter, categorize, sample, edit] (see {@link Stage#parsePrefix}); the run ends after its last. */
        public Builder optStages(List<Stage> stages) {
            this.stages = List.copyOf(stages);
            return this;
        }

        /** First stage to run (default FILTER); a later stage reads its {@link Stage#inputFile()} as input. */
        public Builder optFrom(Stage stage) {
            this.from = Objects.requireNonNull(stage);
            return this;
        }

        /** Runs exactly one stage over its input file: {@code vapr filter|categorize|sample|edit}. */
        public Builder optOnly(Stage stage) {
            this.from = Objects.requireNonNull(stage);
            this.stages = List.copyOf(List.of(Stage.values()).subList(0, stage.ordinal() + 1));
            return this;
        }

        /** Strict mode: the first bad record or missing image throws {@link InputException}. */
        public Builder optStrict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /** Extend short non-yes/no answers into sentences (default true; see {@link AnswerExtender}). */
        public Builder optExtendShort(boolean extendShort) {
            this.extendShort = extendShort;
            return this;
        }

        /** A rules YAML that replaces the built-in {@code rules.yaml}. */
        public Builder optRules(Path yaml) {
            this.rules = yaml;
            return this;
        }

        /** A YAML/JSON mapping of category id to share replacing Table 1. */
        public Builder optDistribution(Path file) {
            this.distribution = file;
            return this;
        }

        /** Ground truth to check chosen (should be TRUE) and rejected (must not be TRUE) answers. */
        public Builder optVerifier(AnswerVerifier v) {
            this.verifier = v;
            return this;
        }

        /** Editor by name: {@code rules} (the only built-in one for now). */
        public Builder optEditor(String name) {
            this.editorName = name;
            this.editor = null;
            return this;
        }

        /** An editor instance (e.g. an LLM editor); overrides {@link #optEditor(String)}. */
        public Builder optEditor(Editor editor) {
            this.editor = editor;
            return this;
        }

        /** Clock for the manifest's start/end times. */
        public Builder optClock(Clock c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        /** Called every 10,000 records (or lines) read, and at the end, with the number read so far. */
        public Builder optProgress(LongConsumer recordsRead) {
            this.progress = Objects.requireNonNull(recordsRead);
            return this;
        }

        /** The command line, recorded in the manifest. */
        public Builder optCommandLine(String commandLine) {
            this.commandLine = commandLine;
            return this;
        }

        /** Always write {@code dropped.jsonl} (by default only when the run ends at filter or categorize). */
        public Builder optWriteDropped(boolean writeDropped) {
            this.writeDropped = writeDropped;
            return this;
        }

        /** How many of the most used replacement values per category the editor must avoid (default 2). */
        public Builder optPenaltyTopK(int k) {
            this.penaltyTopK = k;
            return this;
        }

        /** Validation bounds (default {@link ValidationBounds#defaults()}). */
        public Builder optBounds(ValidationBounds bounds) {
            this.bounds = Objects.requireNonNull(bounds);
            return this;
        }

        public BuildPipeline build() {
            return new BuildPipeline(this);
        }
    }

    /** The state of one run. */
    private static final class Run {
        private final Builder o;
        private final Stage end;
        private final String inputName;
        private RuleSet rules;
        private Shares shares;
        private Editor editor;
        private final Tally dropped = new Tally();
        private final Tally candidatesByCategory = new Tally();
        private final Tally pairsByCategory = new Tally();
        private final Tally extension = new Tally();
        private final Tally chosenVerdicts = new Tally();
        private final List<String> warnings = new ArrayList<>();
        private final List<Path> outputs = new ArrayList<>();
        private long problemsListed;
        private long recordsRead;
        private long badRecords;
        private long turns;
        private long kept;
        private long candidates;
        private long sampled;
        private long pairs;
        private long oracleTrue;
        private long oracleFalse;
        private long oracleUnknown;
        private long sumDistance;
        private long sumDelta;
        private long sumAbsDelta;
        private long chosenLonger;
        private long rejectedLonger;
        private Map<String, Long> target = new LinkedHashMap<>();
        private Sampler sampler;
        private Sampler.Selection selection;
        private List<Located> sample;
        private JsonlWriter droppedWriter;
        private PenaltyList penalties;
        private boolean corpusIsJsonl;

        /** A sampled candidate and where it came from (for error messages). */
        private record Located(SampledCandidate c, long record, boolean lineBased) {
        }

        Run(Builder o) {
            this.o = o;
            if (o.stages.isEmpty()) {
                throw new InputException("option 'stages': empty (expected a prefix of filter,categorize,sample,edit)");
            }
            this.end = o.stages.get(o.stages.size() - 1);
            this.inputName = o.input == null ? "" : o.input.toString();
        }

        BuildReport execute() throws IOException {
            validateOptions();
            Files.createDirectories(o.out);
            RunManifest.invalidate(o.out);
            RunManifest manifest = RunManifest.start(commandName(), o.clock);
            boolean writeDrops = o.writeDropped || end == Stage.FILTER || end == Stage.CATEGORIZE;
            droppedWriter = writeDrops ? JsonlWriter.open(o.out.resolve("dropped.jsonl")) : null;
            try {
                switch (o.from) {
                    case FILTER -> readCorpus();
                    case CATEGORIZE -> readTurns();
                    case SAMPLE -> readCandidates();
                    case EDIT -> readSampled();
                }
                if (o.from.ordinal() <= Stage.SAMPLE.ordinal() && end.ordinal() >= Stage.SAMPLE.ordinal()) {
                    drawSample();
                }
                if (end == Stage.EDIT) {
                    editAndExport();
                }
            } finally {
                if (droppedWriter != null) {
                    droppedWriter.close();
                }
            }
            if (droppedWriter != null) {
                outputs.add(o.out.resolve("dropped.jsonl"));
            }
            o.progress.accept(recordsRead);
            fillManifest(manifest);
            outputs.add(manifest.write(o.out));
            return report();
        }

        private String commandName() {
            if (o.from == Stage.FILTER && end == Stage.EDIT) {
                return "build";
            }
            return o.from == end ? o.from.id() : o.from.id() + ".." + end.id();
        }

        private void validateOptions() {
            if (o.input == null) {
                throw new InputException("option 'input': required");
            }
            if (o.out == null) {
                throw new InputException("option 'out': required");
            }
            if (!Files.isRegularFile(o.input)) {
                throw new InputException(o.input + ": no such file");
            }
            if (end.ordinal() < o.from.ordinal()) {
                throw new InputException("option 'stages': ends at " + end.id() + ", before the first stage " + o.from.id());
            }
            if (o.size <= 0) {
                throw new InputException("option 'size': must be positive, got " + o.size);
            }
            if (o.penaltyTopK < 0) {
                throw new InputException("option 'penalty-top-k': must not be negative, got " + o.penaltyTopK);
            }
            if (o.images != null && !Files.isDirectory(o.images)) {
                throw new InputException(o.images + ": image root is not a directory");
            }
            if (o.rules != null && !Files.isRegularFile(o.rules)) {
                throw new InputException(o.rules + ": no such rules file");
            }
            if (o.distribution != null && !Files.isRegularFile(o.distribution)) {
                throw new InputException(o.distribution + ": no such distribution file");
            }
            rules = o.rules == null ? RuleSet.defaults() : RuleSet.load(o.rules);
            shares = o.distribution == null ? Shares.paper() : Shares.load(o.distribution);
            if (o.editor != null) {
                editor = o.editor;
            } else if (RuleEditor.NAME.equals(o.editorName)) {
                editor = new RuleEditor();
            } else {
                throw new InputException("option 'editor': unknown editor '" + o.editorName + "' (available: rules)");
            }
        }

        // ------------------------------------------------------------------------------------ reading

        private void drop(Drop d) {
            dropped.add(d.reason());
            if (droppedWriter != null) {
                droppedWriter.write(d);
            }
        }

        private void bad(InputProblem p, boolean fatal) {
            if (o.strict) {
                throw new InputException(p);
            }
            badRecords++;
            drop(new Drop(null, -1, "bad_record", p.toLine()));
            if (problemsListed++ < MAX_LISTED_PROBLEMS) {
                warnings.add(p.toLine());
            }
            if (fatal) {
                warnings.add(inputName + ": reading stopped at record " + p.record()
                        + " (the JSON array cannot be resynchronised after a syntax error)");
            }
        }

        private void tick() {
            recordsRead++;
            if (recordsRead % PROGRESS_EVERY == 0) {
                o.progress.accept(recordsRead);
            }
        }

        private boolean needsSampler() {
            return end.ordinal() >= Stage.SAMPLE.ordinal();
        }

        private void readCorpus() throws IOException {
            TurnFilter filter = new TurnFilter(rules);
            Categorizer categorizer = new Categorizer(rules);
            JsonlWriter turnsOut = end == Stage.FILTER ? JsonlWriter.open(o.out.resolve(Stage.FILTER.outputFile())) : null;
            JsonlWriter candOut = end == Stage.CATEGORIZE ? JsonlWriter.open(o.out.resolve(Stage.CATEGORIZE.outputFile())) : null;
            if (needsSampler()) {
                sampler = new Sampler(shares, o.seed);
            }
            boolean categorize = turnsOut == null;
            try (LlavaReader reader = LlavaReader.open(o.input)) {
                corpusIsJsonl = reader.format() == LlavaReader.Format.JSONL;
                OrderedParallelMap.<ReadItem, List<Object>>run(reader::next,
                        item -> classify(item, filter, categorize ? categorizer : null),
                        (item, events) -> {
                            tick();
                            if (item instanceof ReadItem.Bad b) {
                                bad(b.problem(), b.fatal());
                                return;
                            }
                            ReadItem.Ok ok = (ReadItem.Ok) item;
                            for (Object e : events) {
                                switch (e) {
                                    case Turn t -> {
                                        turns++;
                                        kept++;
                                        if (turnsOut != null) {
                                            turnsOut.write(t);
                                        }
                                    }
                                    case Candidate c -> {
                                        candidates++;
                                        candidatesByCategory.add(c.category());
                                        if (candOut != null) {
                                            candOut.write(c);
                                        } else {
                                            sampler.add(Category.fromId(c.category()).orElseThrow(), c.sourceId(), c.turn(),
                                                    c.image(), ok.byteOffset(), (ok.index() << 20) | c.turn());
                                        }
                                    }
                                    case Uncategorized u -> drop(u.drop());
                                    case Drop d -> {
                                        if (d.turn() >= 0) {
                                            turns++;
                                        }
                                        drop(d);
                                    }
                                    default -> throw new IllegalStateException("unexpected " + e);
                                }
                            }
                        }, 256, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
            } finally {
                closeStageFile(turnsOut, Stage.FILTER);
                closeStageFile(candOut, Stage.CATEGORIZE);
            }
        }

        /** A turn the categorizer could not place (counted as a drop but not as a filter drop). */
        private record Uncategorized(Drop drop) {
        }

        /**
         * Filters (and categorizes, when {@code categorizer} is set) one record: a pure function, run on worker
         * threads. Events in emission order: a kept {@link Turn}, then its {@link Candidate} or
         * {@link Uncategorized}; or a filter {@link Drop}.
         */
        private static List<Object> classify(ReadItem item, TurnFilter filter, Categorizer categorizer) {
            if (!(item instanceof ReadItem.Ok ok)) {
                return List.of();
            }
            List<Object> events = new ArrayList<>(8);
            filter.apply(ok.record(), t -> {
                events.add(t);
                if (categorizer != null) {
                    categorizer.apply(t, events::add, d -> events.add(new Uncategorized(d)));
                }
            }, events::add);
            return events;
        }

        private void closeStageFile(JsonlWriter w, Stage s) throws IOException {
            if (w != null) {
                w.close();
                outputs.add(o.out.resolve(s.outputFile()));
            }
        }

        private interface LineHandler {
            void line(JsonlReader.Line line) throws IOException;
        }

        private void readLines(LineHandler h) throws IOException {
            try (JsonlReader r = JsonlReader.open(o.input)) {
                JsonlReader.Line line;
                while ((line = r.next()) != null) {
                    tick();
                    h.line(line);
                }
            }
        }

        private void readTurns() throws IOException {
            Categorizer categorizer = new Categorizer(rules);
            JsonlWriter candOut = end == Stage.CATEGORIZE ? JsonlWriter.open(o.out.resolve(Stage.CATEGORIZE.outputFile())) : null;
            if (needsSampler()) {
                sampler = new Sampler(shares, o.seed);
            }
            try {
                readLines(line -> {
                    StageFiles.Parsed<Turn> p = StageFiles.turn(inputName, line.number(), line.byteOffset(), line.bytes());
                    if (p.problem() != null) {
                        bad(p.problem(), false);
                        return;
                    }
                    Turn t = p.value();
                    turns++;
                    kept++;
                    categorizer.apply(t, c -> {
                        candidates++;
                        candidatesByCategory.add(c.category());
                        if (candOut != null) {
                            candOut.write(c);
                        } else {
                            sampler.add(Category.fromId(c.category()).orElseThrow(), c.sourceId(), c.turn(), c.image(),
                                    line.byteOffset(), line.number());
                        }
                    }, this::drop);
                });
            } finally {
                closeStageFile(candOut, Stage.CATEGORIZE);
            }
        }

        private void readCandidates() throws IOException {
            sampler = new Sampler(shares, o.seed);
            readLines(line -> {
                StageFiles.Parsed<Candidate> p = StageFiles.candidate(inputName, line.number(), line.byteOffset(), line.bytes());
                if (p.problem() != null) {
                    bad(p.problem(), false);
                    return;
                }
                Candidate c = p.value();
                candidates++;
                candidatesByCategory.add(c.category());
                sampler.add(Category.fromId(c.category()).orElseThrow(), c.sourceId(), c.turn(), c.image(),
                        line.byteOffset(), line.number());
            });
        }

        private void readSampled() throws IOException {
            List<Located> list = new ArrayList<>();
            readLines(line -> {
                StageFiles.Parsed<SampledCandidate> p = StageFiles.sampled(inputName, line.number(), line.byteOffset(), line.bytes());
                if (p.problem() != null) {
                    bad(p.problem(), false);
                    return;
                }
                list.add(new Located(p.value(), line.number(), true));
            });
            list.sort(java.util.Comparator.comparingInt((Located l) -> l.c().order()).thenComparingLong(Located::record));
            sample = list;
            sampled = list.size();
            for (Located l : list) {
                target.merge(l.c().category(), 1L, Long::sum);
            }
        }

        // ------------------------------------------------------------------------------------ sampling

        private void drawSample() throws IOException {
            selection = sampler.select(o.size);
            target = new LinkedHashMap<>(selection.target());
            for (String s : selection.shortfalls()) {
                warnings.add("sample shortfall: " + s);
            }
            if (selection.size() < o.size) {
                warnings.add("sample: " + selection.size() + " of " + o.size + " requested (not enough candidates)");
            }
            sampled = selection.size();
            List<Located> list = new ArrayList<>(selection.size());
            TurnFilter filter = new TurnFilter(rules);
            try (StageFiles files = new StageFiles(o.input)) {
                for (int k = 0; k < selection.size(); k++) {
                    int idx = selection.candidate(k);
                    list.add(fetch(files, filter, idx, k));
                }
            }
            sample = list;
            if (end == Stage.SAMPLE) {
                Path target = o.out.resolve(Stage.SAMPLE.outputFile());
                try (JsonlWriter w = JsonlWriter.open(target)) {
                    for (Located l : list) {
                        w.write(l.c());
                    }
                }
                outputs.add(target);
            }
        }

        /** Re-reads one sampled candidate from the input by its byte offset. */
        private Located fetch(StageFiles files, TurnFilter filter, int idx, int order) throws IOException {
            long offset = sampler.locator(idx);
            long tag = sampler.tag(idx);
            Category cat = sampler.category(idx);
            com.fasterxml.jackson.databind.JsonNode node = files.readAt(offset);
            Candidate c = null;
            long record;
            boolean lineBased;
            switch (o.from) {
                case FILTER -> {
                    int turn = (int) (tag & 0xFFFFF);
                    record = tag >>> 20;
                    lineBased = corpusIsJsonl;
                    Turn[] found = new Turn[1];
                    filter.apply(StageFiles.record(node), t -> {
                        if (t.turn() == turn) {
                            found[0] = t;
                        }
                    }, d -> { });
                    if (found[0] != null) {
                        Turn t = found[0];
                        c = new Candidate(t.sourceId(), t.turn(), t.image(), cat.id(), t.prompt(), t.answer());
                    }
                }
                case CATEGORIZE -> {
                    record = tag;
                    lineBased = true;
                    StageFiles.Parsed<Turn> p = StageFiles.turn(inputName, tag, offset,
                            org.vapr.core.io.Json.mapper().writeValueAsBytes(node));
                    if (p.value() != null) {
                        Turn t = p.value();
                        c = new Candidate(t.sourceId(), t.turn(), t.image(), cat.id(), t.prompt(), t.answer());
                    }
                }
                default -> {
                    record = tag;
                    lineBased = true;
                    StageFiles.Parsed<Candidate> p = StageFiles.candidate(inputName, tag, offset,
                            org.vapr.core.io.Json.mapper().writeValueAsBytes(node));
                    c = p.value();
                }
            }
            if (c == null || Sampler.key(o.seed, c.sourceId(), c.turn()) != sampler.keyOf(idx)) {
                throw new InputException(inputName + ": changed while it was being read (byte " + offset + ")");
            }
            return new Located(c.at(order), record, lineBased);
        }


        // ------------------------------------------------------------------------------------ editing

        private void editAndExport() throws IOException {
            AnswerExtender extender = new AnswerExtender(o.extendShort);
            Validator validator = new Validator(o.bounds, o.verifier);
            penalties = new PenaltyList(o.penaltyTopK);
            List<PreferencePair> done = new ArrayList<>();
            Path pairsPath = o.out.resolve(Stage.EDIT.outputFile());
            try (JsonlWriter w = JsonlWriter.open(pairsPath)) {
                for (Located l : sample) {
                    PreferencePair p = editOne(l, extender, validator);
                    if (p != null) {
                        w.write(p);
                        done.add(p);
                    }
                }
            }
            outputs.add(pairsPath);
            outputs.addAll(TrainerExports.write(o.out, done, this::exportImagePath));
        }

        private String exportImagePath(String image) {
            return o.images == null ? image : o.images.resolve(image).toAbsolutePath().normalize().toString();
        }

        private PreferencePair editOne(Located l, AnswerExtender extender, Validator validator) throws IOException {
            SampledCandidate s = l.c();
            Category cat = Category.fromId(s.category()).orElseThrow();
            if (o.images != null && !Files.isRegularFile(o.images.resolve(s.image()))) {
                InputProblem p = new InputProblem(inputName, l.record(), -1, "image",
                        "image file not found: " + o.images.resolve(s.image()), l.lineBased());
                if (o.strict) {
                    throw new InputException(p);
                }
                drop(new Drop(s.sourceId(), s.turn(), "missing_image", p.toLine()));
                return null;
            }
            AnswerExtender.Extension ext = extender.extend(s.prompt(), s.answer());
            extension.add(ext.kind().id());
            String chosen = ext.text();
            if (o.verifier != null) {
                Verdict cv = validator.verifyChosen(s.image(), cat, s.prompt(), chosen);
                chosenVerdicts.add(String.valueOf(cv).toLowerCase(java.util.Locale.ROOT));
                if (cv == Verdict.FALSE) {
                    drop(new Drop(s.sourceId(), s.turn(), "oracle_chosen_false", chosen));
                    return null;
                }
            }
            String feedback = null;
            Validator.Outcome outcome = null;
            EditProposal proposal = null;
            int attempt = 0;
            int max = Math.max(1, editor.maxAttempts());
            while (attempt < max) {
                attempt++;
                long itemSeed = Sampler.key(o.seed ^ EDIT_SALT, s.sourceId(), s.turn()) + attempt * 0x9E3779B97F4A7C15L;
                EditRequest req = new EditRequest(s.sourceId(), s.turn(), s.image(), cat, s.prompt(), chosen,
                        penalties.avoid(cat), attempt, feedback, itemSeed);
                proposal = editor.propose(req);
                outcome = validator.check(s.image(), cat, s.prompt(), chosen, proposal);
                if (outcome.accepted()) {
                    break;
                }
                feedback = outcome.reason();
            }
            if (!outcome.accepted()) {
                if (Validator.ORACLE_TRUE.equals(outcome.reason())) {
                    oracleTrue++;
                }
                drop(new Drop(s.sourceId(), s.turn(), outcome.reason(), proposal.ok() ? proposal.rejected() : proposal.failure()));
                return null;
            }
            penalties.record(cat, proposal.values());
            if (outcome.verdict() == Verdict.FALSE) {
                oracleFalse++;
            } else {
                oracleUnknown++;
            }
            pairs++;
            pairsByCategory.add(cat.id());
            sumDistance += outcome.wordEditDistance();
            sumDelta += outcome.tokenLengthDelta();
            sumAbsDelta += Math.abs(outcome.tokenLengthDelta());
            if (outcome.tokenLengthDelta() > 0) {
                chosenLonger++;
            } else if (outcome.tokenLengthDelta() < 0) {
                rejectedLonger++;
            }
            EditInfo info = new EditInfo(editor.name(), editor.model(), proposal.spans(), outcome.wordEditDistance(),
                    outcome.tokenLengthDelta(), attempt);
            return new PreferencePair(s.sourceId() + "#" + s.turn(), s.sourceId(), s.turn(), s.image(), cat.id(),
                    s.prompt(), chosen, proposal.rejected(), info);
        }

        // ------------------------------------------------------------------------------------ reporting

        private static Object round(double v) {
            return Double.isFinite(v) ? new BigDecimal(v).setScale(4, RoundingMode.HALF_EVEN).doubleValue() : null;
        }

        private double mean(long sum) {
            return pairs == 0 ? Double.NaN : (double) sum / pairs;
        }

        private void fillManifest(RunManifest m) throws IOException {
            m.option("input", o.input.toString());
            m.option("out", o.out.toString());
            m.option("images", o.images == null ? null : o.images.toString());
            m.option("size", o.size);
            m.option("seed", o.seed);
            m.option("from", o.from.id());
            m.option("stages", o.stages.stream().map(Stage::id).toList());
            m.option("strict", o.strict);
            m.option("extend_short", o.extendShort);
            m.option("rules", rules.source());
            m.option("distribution", o.distribution == null ? "table1" : o.distribution.toString());
            m.option("editor", editor.name());
            m.option("editor_model", editor.model());
            m.option("verifier", o.verifier == null ? "none" : o.verifier.getClass().getName());
            m.option("penalty_top_k", o.penaltyTopK);
            m.option("bounds", o.bounds);
            m.option("write_dropped", o.writeDropped);
            if (o.commandLine != null) {
                m.option("command_line", o.commandLine);
            }
            m.input("input", o.input);
            m.seed("seed", o.seed);
            m.hash("rules", rules.sha256());
            if (shares.sha256() != null) {
                m.hash("distribution", shares.sha256());
            }
            m.count("records_read", recordsRead);
            m.count("bad_records", badRecords);
            m.count("turns", turns);
            m.count("kept", kept);
            m.count("candidates", candidates);
            m.count("sampled", sampled);
            m.count("pairs", pairs);
            m.counts("dropped_by_reason", dropped);
            m.counts("candidates_by_category", candidatesByCategory);
            m.counts("target_by_category", Tally.of(target));
            m.counts("pairs_by_category", pairsByCategory);
            if (selection != null) {
                m.counts("sampled_by_category", Tally.of(selection.got()));
            }
            m.counts("extension", extension);
            Map<String, Object> shareMap = new java.util.TreeMap<>();
            shares.asMap().forEach((k, v) -> shareMap.put(k, round(v)));
            m.put("shares", shareMap);
            Map<String, Object> oracle = new LinkedHashMap<>();
            oracle.put("verifier", o.verifier != null);
            oracle.put("rejected_true_dropped", oracleTrue);
            oracle.put("rejected_false", oracleFalse);
            oracle.put("rejected_unknown", oracleUnknown);
            oracle.put("verified_share", round(pairs == 0 ? Double.NaN : (double) oracleFalse / pairs));
            oracle.put("chosen", new java.util.TreeMap<>(chosenVerdicts.asMap()));
            m.put("oracle", oracle);
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("tokenizer", TokenCounter.NAME);
            stats.put("mean_word_levenshtein", round(mean(sumDistance)));
            stats.put("mean_token_length_delta", round(mean(sumDelta)));
            stats.put("mean_abs_token_length_delta", round(mean(sumAbsDelta)));
            stats.put("chosen_longer", chosenLonger);
            stats.put("rejected_longer", rejectedLonger);
            stats.put("equal_length", pairs - chosenLonger - rejectedLonger);
            m.put("statistics", stats);
            if (penalties != null) {
                m.put("penalty_lists", penalties.snapshot());
            }
            m.put("image_paths", o.images == null ? "corpus-relative" : "absolute under the image root");
            List<String> outs = new ArrayList<>();
            for (Path p : outputs) {
                outs.add(o.out.relativize(p).toString().replace('\\', '/'));
            }
            outs.add("manifest.json");
            m.put("outputs", outs);
            m.put("warnings", warnings);
        }

        private BuildReport report() {
            java.util.SortedMap<String, Long> tgt = new java.util.TreeMap<>(target);
            return new BuildReport(recordsRead, badRecords, turns, kept, candidates, sampled, pairs, dropped.asMap(),
                    candidatesByCategory.asMap(), pairsByCategory.asMap(), tgt, oracleTrue, oracleFalse, oracleUnknown,
                    mean(sumDistance), mean(sumDelta), outputs, warnings);
        }
    }
}
