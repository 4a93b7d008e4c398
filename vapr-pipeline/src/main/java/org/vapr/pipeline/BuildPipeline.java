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
import org.vapr.pipeline.edit.JournaledEditor;
import org.vapr.pipeline.edit.PenaltyList;
import org.vapr.pipeline.edit.RuleEditor;
import org.vapr.pipeline.edit.TokenCounter;
import org.vapr.pipeline.edit.TurnExtender;
import org.vapr.pipeline.edit.ValidationBounds;
import org.vapr.pipeline.edit.Validator;
import org.vapr.pipeline.export.TrainerExports;
import org.vapr.pipeline.run.CallJournal;
import org.vapr.pipeline.run.EditProgress;
import org.vapr.pipeline.run.JournaledChatCaller;
import org.vapr.pipeline.run.LaggedOrderedRunner;
import org.vapr.pipeline.run.TokenPrice;
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
 * <p>The edit stage runs {@link Builder#optConcurrency(int)} items at once on virtual threads and applies
 * results in sample order. Penalty lists are order-dependent, so item {@code i} sees the values accepted by
 * items {@code 0 … i−L−1} only ({@code L} = {@link Builder#optPenaltyLag(int)}, default
 * {@value #DEFAULT_PENALTY_LAG}), whatever the concurrency: outputs are byte-identical for any concurrency and
 * for resumed runs (the first {@code L} items of a run edit with empty penalty lists). With a
 * {@link JournaledEditor} (an LLM editor) every completed chat call is journaled in
 * {@value org.vapr.pipeline.run.CallJournal#FILE_NAME}; re-running the same build on the same out dir replays
 * it, so a killed run resumes without repeating a call, and a changed configuration is refused.
 *
 * <p>Same input, options and seed give byte-identical outputs; the manifest differs only in
 * {@link RunManifest#TIMING_KEYS} (and, for resumed runs, in the {@code journal} counts). Bad records are counted ({@code bad_record}) and never stop a run unless
 * {@link Builder#optStrict(boolean)} is on; input-level errors throw {@link InputException}.
 */
public final class BuildPipeline {
    private static final int MAX_LISTED_PROBLEMS = 20;
    private static final long PROGRESS_EVERY = 10_000;
    private static final long EDIT_SALT = 0x5DEECE66DL;
    /** Default lag of the penalty lists behind the item being edited (see the class doc). */
    public static final int DEFAULT_PENALTY_LAG = 256;
    /** Default number of items edited at once. */
    public static final int DEFAULT_CONCURRENCY = 16;
    private static final long PROGRESS_NANOS = 250_000_000L;
    /** What an editor's failure must look like to be counted as a drop reason of its own. */
    private static final java.util.regex.Pattern REASON_ID = java.util.regex.Pattern.compile("[a-z][a-z0-9_:]*");
    /** The manifest sections the build writes itself ({@link Builder#optManifestExtras} may not replace them). */
    private static final java.util.Set<String> PIPELINE_SECTIONS = java.util.Set.of("image_paths", "journal", "llm",
            "oracle", "outputs", "penalty_lists", "shares", "statistics", "warnings", "options", "inputs", "seeds",
            "hashes", "counts");

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
        private int concurrency = DEFAULT_CONCURRENCY;
        private int penaltyLag = DEFAULT_PENALTY_LAG;
        private Boolean journal;
        private boolean restart;
        private java.util.function.Consumer<EditProgress> editProgress = p -> { };
        private TokenPrice price;
        private TurnExtender extender;
        private java.util.function.Supplier<Map<String, Object>> manifestExtras = Map::of;

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

        /** Editor by name: {@code rules} or {@code povid-style} (given the {@link #optVerifier} for its absence check). */
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

        /** Items edited at once on virtual threads (default {@value #DEFAULT_CONCURRENCY}); outputs do not depend on it. */
        public Builder optConcurrency(int threads) {
            this.concurrency = threads;
            return this;
        }

        /**
         * How far the penalty lists lag behind the item being edited (default {@value #DEFAULT_PENALTY_LAG}):
         * item {@code i} avoids the values of items before {@code i − lag}. It bounds the items in flight
         * ({@code lag + 1}); 0 is the strictly sequential behaviour.
         */
        public Builder optPenaltyLag(int lag) {
            this.penaltyLag = lag;
            return this;
        }

        /**
         * Journal completed chat calls in {@value org.vapr.pipeline.run.CallJournal#FILE_NAME} and replay them on
         * a re-run (default: on exactly when the editor is a {@link JournaledEditor}).
         */
        public Builder optJournal(boolean on) {
            this.journal = on;
            return this;
        }

        /** Discard an existing journal in the out dir instead of resuming from it. */
        public Builder optRestart(boolean restart) {
            this.restart = restart;
            return this;
        }

        /** Receives the edit stage's progress (rate, ETA, calls, cost) about four times a second and at the end. */
        public Builder optEditProgress(java.util.function.Consumer<EditProgress> listener) {
            this.editProgress = Objects.requireNonNull(listener);
            return this;
        }

        /** What the editor's tokens cost, for progress and the manifest's {@code cost_usd} (default: not priced). */
        public Builder optPrice(TokenPrice price) {
            this.price = price;
            return this;
        }

        /**
         * Extends answers with this extender (e.g. the LLM's {@code LlmExtender}) instead of the rule extension
         * of {@link #optExtendShort(boolean)}. It runs inside the concurrent edit work; when it makes chat calls
         * they are journaled (keys {@code extend/<source id>#<turn>}) and replayed on a resumed run. Its kinds
         * are counted in the manifest's {@code extension}, its fall-backs in {@code extension_fallback_by_reason}.
         */
        public Builder optExtender(TurnExtender extender) {
            this.extender = extender;
            return this;
        }

        /**
         * Top-level sections added to {@code manifest.json} (e.g. the editor's configuration as
         * {@code editor_config}); asked for when the manifest is written, so they may hold the run's counts.
         * A name the pipeline writes itself is refused.
         */
        public Builder optManifestExtras(java.util.function.Supplier<Map<String, Object>> extras) {
            this.manifestExtras = Objects.requireNonNull(extras);
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
        private JournaledChatCaller journaled;
        private JournaledChatCaller journaledExtensions;
        private TurnExtender workingExtender;
        private final Tally extensionFallbacks = new Tally();
        private CallJournal journal;
        private long llmCalls;
        private long llmPromptTokens;
        private long llmCompletionTokens;

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
            if (o.concurrency < 1) {
                throw new InputException("option 'concurrency': must be at least 1, got " + o.concurrency);
            }
            if (o.penaltyLag < 0) {
                throw new InputException("option 'penalty-lag': must not be negative, got " + o.penaltyLag);
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
            } else if (org.vapr.pipeline.edit.PovidStyleEditor.NAME.equals(o.editorName)) {
                editor = new org.vapr.pipeline.edit.PovidStyleEditor(o.verifier);
            } else {
                throw new InputException("option 'editor': unknown editor '" + o.editorName + "' (available: rules, povid-style)");
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

        /** What editing one sampled item came to; applied to the run's counters in sample order. */
        private record ItemResult(Drop drop, String extensionKind, String extensionFallback, String chosenVerdict, boolean oracleTrueDrop,
                                  Category category, PreferencePair pair, List<String> values,
                                  Validator.Outcome outcome, EditProposal.Usage usage) {
        }

        private void editAndExport() throws IOException {
            AnswerExtender extender = new AnswerExtender(o.extendShort);
            workingExtender = o.extender;
            Validator validator = new Validator(o.bounds, o.verifier, editor.checks());
            penalties = new PenaltyList(o.penaltyTopK);
            Editor working = openJournal();
            List<PreferencePair> done = new ArrayList<>();
            Path pairsPath = o.out.resolve(Stage.EDIT.outputFile());
            long startNanos = System.nanoTime();
            long[] lastReport = {startNanos};
            long[] finished = {0};
            try (JsonlWriter w = JsonlWriter.open(pairsPath)) {
                new LaggedOrderedRunner(o.concurrency, o.penaltyLag).run(sample,
                        (i, l) -> penalties.avoid(Category.fromId(l.c().category()).orElseThrow()),
                        (i, l, avoid) -> editOne(l, extender, validator, working, avoid),
                        (i, l, r) -> {
                            PreferencePair p = commit(r);
                            if (p != null) {
                                w.write(p);
                                done.add(p);
                            }
                            finished[0]++;
                            long now = System.nanoTime();
                            if (now - lastReport[0] >= PROGRESS_NANOS) {
                                lastReport[0] = now;
                                reportProgress(finished[0], startNanos, now);
                            }
                        });
            } finally {
                if (journal != null) {
                    journal.close();
                }
            }
            reportProgress(finished[0], startNanos, System.nanoTime());
            outputs.add(pairsPath);
            outputs.addAll(TrainerExports.write(o.out, done, this::exportImagePath));
        }

        /** Opens the journal when asked for (or by default for a journaled editor); returns the editor to use. */
        private Editor openJournal() throws IOException {
            boolean extenderCalls = o.extender != null && o.extender.caller() != null;
            boolean on = o.journal != null ? o.journal : editor instanceof JournaledEditor || extenderCalls;
            if (!on) {
                return editor;
            }
            JournaledEditor je = editor instanceof JournaledEditor j ? j : null;
            if (je == null && !extenderCalls) {
                warnings.add("journal: editor '" + editor.name() + "' makes no chat calls; nothing journaled");
                return editor;
            }
            journal = CallJournal.open(o.out.resolve(CallJournal.FILE_NAME), fingerprint(je), o.restart);
            if (journal.tornLinesRecovered() > 0) {
                warnings.add("journal: cut off a torn last line (the previous run was killed mid-write)");
            }
            if (extenderCalls) {
                journaledExtensions = new JournaledChatCaller(journal, o.extender.caller());
                workingExtender = o.extender.withCaller(journaledExtensions);
            }
            if (je == null) {
                return editor;
            }
            journaled = new JournaledChatCaller(journal, je.caller());
            return je.withCaller(journaled);
        }

        private long callsMade() {
            return (journaled == null ? 0 : journaled.callsMade())
                    + (journaledExtensions == null ? 0 : journaledExtensions.callsMade());
        }

        private long callsReplayed() {
            return (journaled == null ? 0 : journaled.callsReplayed())
                    + (journaledExtensions == null ? 0 : journaledExtensions.callsReplayed());
        }

        private long promptTokensMade() {
            return (journaled == null ? 0 : journaled.promptTokensMade())
                    + (journaledExtensions == null ? 0 : journaledExtensions.promptTokensMade());
        }

        private long completionTokensMade() {
            return (journaled == null ? 0 : journaled.completionTokensMade())
                    + (journaledExtensions == null ? 0 : journaledExtensions.completionTokensMade());
        }

        private boolean journaling() {
            return journaled != null || journaledExtensions != null;
        }

        /** Everything that determines the edit stage's outputs; the editor's entries lose on a name clash. */
        private Map<String, String> fingerprint(JournaledEditor je) throws IOException {
            Map<String, String> fp = new java.util.TreeMap<>(je == null ? Map.of() : je.fingerprint());
            if (o.extender != null) {
                o.extender.fingerprint().forEach(fp::putIfAbsent);
                fp.put("extender", o.extender.getClass().getName());
            }
            fp.put("input_sha256", org.vapr.core.io.Digests.sha256(o.input));
            fp.put("from", o.from.id());
            fp.put("seed", Long.toString(o.seed));
            fp.put("size", Integer.toString(o.size));
            fp.put("rules_sha256", rules.sha256());
            fp.put("distribution", shares.sha256() == null ? "table1" : shares.sha256());
            fp.put("extend_short", Boolean.toString(o.extendShort));
            fp.put("penalty_top_k", Integer.toString(o.penaltyTopK));
            fp.put("penalty_lag", Integer.toString(o.penaltyLag));
            fp.put("bounds", String.valueOf(o.bounds));
            fp.put("verifier", o.verifier == null ? "none" : o.verifier.getClass().getName());
            fp.put("editor", editor.name());
            fp.put("model", editor.model());
            fp.put("max_attempts", Integer.toString(editor.maxAttempts()));
            return fp;
        }

        private void reportProgress(long finishedItems, long startNanos, long now) {
            double secs = (now - startNanos) / 1e9;
            double rate = secs > 0 ? finishedItems / secs : 0;
            double eta = rate > 0 ? (sample.size() - finishedItems) / rate : Double.NaN;
            long made = journaling() ? callsMade() : llmCalls;
            long replayed = callsReplayed();
            long pt = journaling() ? promptTokensMade() : llmPromptTokens;
            long ct = journaling() ? completionTokensMade() : llmCompletionTokens;
            double cost = o.price == null ? Double.NaN : o.price.dollars(pt, ct);
            o.editProgress.accept(new EditProgress(finishedItems, sample.size(), rate, eta, made, replayed, pt, ct, cost));
        }

        private String exportImagePath(String image) {
            return o.images == null ? image : o.images.resolve(image).toAbsolutePath().normalize().toString();
        }

        /** Edits one item off the run's thread: touches no counter of the run (see {@link #commit}). */
        private ItemResult editOne(Located l, AnswerExtender extender, Validator validator, Editor ed,
                                   List<String> avoid) throws IOException {
            SampledCandidate s = l.c();
            Category cat = Category.fromId(s.category()).orElseThrow();
            if (o.images != null && !Files.isRegularFile(o.images.resolve(s.image()))) {
                InputProblem p = new InputProblem(inputName, l.record(), -1, "image",
                        "image file not found: " + o.images.resolve(s.image()), l.lineBased());
                if (o.strict) {
                    throw new InputException(p);
                }
                return new ItemResult(new Drop(s.sourceId(), s.turn(), "missing_image", p.toLine()), null, null, null,
                        false, cat, null, List.of(), null, EditProposal.Usage.NONE);
            }
            TurnExtender.Extension ext;
            if (workingExtender != null) {
                ext = workingExtender.extend(s.sourceId(), s.turn(), s.prompt(), s.answer());
            } else {
                AnswerExtender.Extension rule = extender.extend(s.prompt(), s.answer());
                ext = new TurnExtender.Extension(rule.text(), rule.kind().id(), null);
            }
            String chosen = ext.text();
            EditProposal.Usage extensionUsage = ext.usage();
            String chosenVerdict = null;
            if (o.verifier != null) {
                Verdict cv = validator.verifyChosen(s.image(), cat, s.prompt(), chosen);
                chosenVerdict = String.valueOf(cv).toLowerCase(java.util.Locale.ROOT);
                if (cv == Verdict.FALSE) {
                    return new ItemResult(new Drop(s.sourceId(), s.turn(), "oracle_chosen_false", chosen),
                            ext.kindId(), ext.fallbackReason(), chosenVerdict, false, cat, null, List.of(), null, extensionUsage);
                }
            }
            String feedback = null;
            Validator.Outcome outcome = null;
            EditProposal proposal = null;
            EditProposal.Usage usage = extensionUsage;
            int attempt = 0;
            int max = Math.max(1, ed.maxAttempts());
            while (attempt < max) {
                attempt++;
                long itemSeed = Sampler.key(o.seed ^ EDIT_SALT, s.sourceId(), s.turn()) + attempt * 0x9E3779B97F4A7C15L;
                EditRequest req = new EditRequest(s.sourceId(), s.turn(), s.image(), cat, s.prompt(), chosen,
                        avoid, attempt, feedback, itemSeed);
                proposal = ed.propose(req);
                usage = usage.plus(proposal.usage());
                outcome = validator.check(s.image(), cat, s.prompt(), chosen, proposal);
                if (outcome.accepted()) {
                    break;
                }
                feedback = failureReason(proposal, outcome);
            }
            if (!outcome.accepted()) {
                return new ItemResult(new Drop(s.sourceId(), s.turn(), failureReason(proposal, outcome),
                        proposal.ok() ? proposal.rejected() : proposal.failure()), ext.kindId(), ext.fallbackReason(), chosenVerdict,
                        Validator.ORACLE_TRUE.equals(outcome.reason()), cat, null, List.of(), outcome, usage);
            }
            EditInfo info = new EditInfo(ed.name(), ed.model(), proposal.spans(), outcome.wordEditDistance(),
                    outcome.tokenLengthDelta(), attempt);
            PreferencePair pair = new PreferencePair(s.sourceId() + "#" + s.turn(), s.sourceId(), s.turn(), s.image(),
                    cat.id(), s.prompt(), chosen, proposal.rejected(), info);
            return new ItemResult(null, ext.kindId(), ext.fallbackReason(), chosenVerdict, false, cat, pair, proposal.values(), outcome,
                    usage);
        }

        /**
         * Why an attempt failed: the editor's own reason when it returned a failed proposal whose failure is a
         * reason id ({@code llm_refusal}, {@code llm_invalid_json}, …), else the validator's.
         */
        private static String failureReason(EditProposal proposal, Validator.Outcome outcome) {
            if (!proposal.ok() && proposal.failure() != null && REASON_ID.matcher(proposal.failure()).matches()) {
                return proposal.failure();
            }
            return outcome.reason();
        }

        /** Applies one item's result to the run's counters and penalty lists, in sample order. */
        private PreferencePair commit(ItemResult r) {
            if (r.extensionKind() != null) {
                extension.add(r.extensionKind());
            }
            if (r.extensionFallback() != null) {
                extensionFallbacks.add(r.extensionFallback());
            }
            if (r.chosenVerdict() != null) {
                chosenVerdicts.add(r.chosenVerdict());
            }
            llmCalls += r.usage().calls();
            llmPromptTokens += r.usage().promptTokens();
            llmCompletionTokens += r.usage().completionTokens();
            if (r.pair() == null) {
                if (r.oracleTrueDrop()) {
                    oracleTrue++;
                }
                drop(r.drop());
                return null;
            }
            Validator.Outcome outcome = r.outcome();
            penalties.record(r.category(), r.values());
            if (outcome.verdict() == Verdict.FALSE) {
                oracleFalse++;
            } else {
                oracleUnknown++;
            }
            pairs++;
            pairsByCategory.add(r.category().id());
            sumDistance += outcome.wordEditDistance();
            sumDelta += outcome.tokenLengthDelta();
            sumAbsDelta += Math.abs(outcome.tokenLengthDelta());
            if (outcome.tokenLengthDelta() > 0) {
                chosenLonger++;
            } else if (outcome.tokenLengthDelta() < 0) {
                rejectedLonger++;
            }
            return r.pair();
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
            m.option("bounds", editor.checks() == Editor.Checks.VAPR ? o.bounds : "none");
            m.option("checks", editor.checks().id());
            m.option("write_dropped", o.writeDropped);
            m.option("penalty_lag", o.penaltyLag);
            if (end == Stage.EDIT) {
                m.option("concurrency", o.concurrency);
            }
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
            if (o.extender != null) {
                m.counts("extension_fallback_by_reason", extensionFallbacks);
            }
            Map<String, Object> shareMap = new java.util.TreeMap<>();
            shares.asMap().forEach((k, v) -> shareMap.put(k, round(v)));
            m.put("shares", shareMap);
            Map<String, Object> oracle = new LinkedHashMap<>();
            oracle.put("verifier", o.verifier != null);
            oracle.put("rejected_checked", o.verifier != null && editor.checks() != Editor.Checks.NONE);
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
            if (end == Stage.EDIT && (llmCalls > 0 || journaling())) {
                Map<String, Object> llm = new LinkedHashMap<>();
                llm.put("calls", llmCalls);
                llm.put("prompt_tokens", llmPromptTokens);
                llm.put("completion_tokens", llmCompletionTokens);
                llm.put("cost_usd", o.price == null ? null : round(o.price.dollars(llmPromptTokens, llmCompletionTokens)));
                m.put("llm", llm);
            }
            if (journaling()) {
                Map<String, Object> j = new LinkedHashMap<>();
                j.put("file", CallJournal.FILE_NAME);
                j.put("calls_made", callsMade());
                j.put("calls_replayed", callsReplayed());
                j.put("request_mismatches", (journaled == null ? 0 : journaled.requestMismatches())
                        + (journaledExtensions == null ? 0 : journaledExtensions.requestMismatches()));
                j.put("made_prompt_tokens", promptTokensMade());
                j.put("made_completion_tokens", completionTokensMade());
                j.put("made_cost_usd", o.price == null ? null
                        : round(o.price.dollars(promptTokensMade(), completionTokensMade())));
                m.put("journal", j);
            }
            m.put("image_paths", o.images == null ? "corpus-relative" : "absolute under the image root");
            List<String> outs = new ArrayList<>();
            for (Path p : outputs) {
                outs.add(o.out.relativize(p).toString().replace('\\', '/'));
            }
            outs.add("manifest.json");
            m.put("outputs", outs);
            m.put("warnings", warnings);
            Map<String, Object> extras = o.manifestExtras.get();
            if (extras != null) {
                extras.forEach((k, v) -> {
                    if (PIPELINE_SECTIONS.contains(k)) {
                        throw new IllegalArgumentException("manifest extra '" + k + "' would replace a section the build writes");
                    }
                    m.put(k, v);
                });
            }
        }

        private BuildReport report() {
            java.util.SortedMap<String, Long> tgt = new java.util.TreeMap<>(target);
            return new BuildReport(recordsRead, badRecords, turns, kept, candidates, sampled, pairs, dropped.asMap(),
                    candidatesByCategory.asMap(), pairsByCategory.asMap(), tgt, oracleTrue, oracleFalse, oracleUnknown,
                    mean(sumDistance), mean(sumDelta), outputs, warnings);
        }
    }
}
