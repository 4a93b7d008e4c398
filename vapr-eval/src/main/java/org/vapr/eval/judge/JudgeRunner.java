package org.vapr.eval.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.vapr.llm.ChatCaller;
import org.vapr.llm.ChatResult;

/**
 * Asks a judge ({@link ChatCaller}: the {@link org.vapr.llm.ChatClient}, a journal around it, or a stub in tests)
 * about every item of an LLM-judge benchmark, with up to {@code parallelism} calls at once; results keep the input
 * order. Call keys are {@code <benchmark>/<item id>[/attempt-N]}, stable across runs.
 */
public final class JudgeRunner {
    private final ChatCaller caller;
    private final int parallelism;

    /**
     * @param caller      the judge
     * @param parallelism calls in flight at most (the client's own limits still apply)
     */
    public JudgeRunner(ChatCaller caller, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        this.caller = caller;
        this.parallelism = parallelism;
    }

    /** A LLaVA-Bench item to judge. */
    public record LlavaBenchCase(String questionId, String category, String context, String question, String reference,
                                 String answer) {
    }

    /** An MM-Vet item to grade. */
    public record MmVetCase(String id, String question, String groundTruth, String prediction, List<String> capabilities) {
    }

    /** A ConTextual item to judge. */
    public record ContextualCase(String id, String category, String instruction, String reference, String response) {
    }

    /** Judges LLaVA-Bench items. */
    public List<LlavaBenchJudge.Review> llavaBench(List<LlavaBenchCase> cases) {
        return map(cases, c -> {
            ChatResult r = caller.call("llava-bench/" + c.questionId(),
                    LlavaBenchJudge.request(c.context(), c.question(), c.reference(), c.answer()));
            return new LlavaBenchJudge.Review(c.questionId(), c.category(), r.content(), LlavaBenchJudge.parse(r.content()));
        });
    }

    /** Grades MM-Vet items, asking again with rising temperature while the reply is unreadable. */
    public List<MmVetJudge.Grade> mmVet(List<MmVetCase> cases) {
        return map(cases, c -> {
            String reply = "";
            for (int attempt = 0; attempt < MmVetJudge.ATTEMPTS; attempt++) {
                String key = "mm-vet/" + c.id() + (attempt == 0 ? "" : "/attempt-" + attempt);
                reply = caller.call(key, MmVetJudge.request(c.question(), c.groundTruth(), c.prediction(), attempt)).content();
                OptionalDouble score = MmVetJudge.parse(reply);
                if (score.isPresent()) {
                    return new MmVetJudge.Grade(c.id(), List.copyOf(c.capabilities()), score.getAsDouble(), attempt + 1, false, reply);
                }
            }
            return new MmVetJudge.Grade(c.id(), List.copyOf(c.capabilities()), 0.0, MmVetJudge.ATTEMPTS, true, reply);
        });
    }

    /** Judges ConTextual items. */
    public List<ContextualJudge.Judgement> contextual(List<ContextualCase> cases) {
        return map(cases, c -> {
            String reply = caller.call("contextual/" + c.id(),
                    ContextualJudge.request(c.instruction(), c.reference(), c.response())).content();
            var j = ContextualJudge.parse(reply);
            return new ContextualJudge.Judgement(c.id(), c.category(), j.orElse(false), j.isPresent(), reply);
        });
    }

    private <C, R> List<R> map(List<C> cases, Function<C, R> judge) {
        if (parallelism == 1 || cases.size() <= 1) {
            return cases.stream().map(judge).toList();
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, cases.size()))) {
            List<Future<R>> futures = new ArrayList<>();
            for (C c : cases) {
                futures.add(pool.submit(() -> judge.apply(c)));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while judging", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
