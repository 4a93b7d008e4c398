#!/usr/bin/env python3
"""Reference scoring of POPE and NaturalBench, written for vapr from the official scripts' definitions
(LLaVA's eval_pope.py, lmms-eval's POPE exact match, NaturalBench's example.py), standard library only.

Writes ../resources/golden/reference-scores.json, which org.vapr.eval.ReferenceGoldenTest compares the Java
scorers against. Re-run after changing the fixtures or the cases:

    python3 vapr-eval/src/test/python/reference_scores.py
"""
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
RESOURCES = os.path.join(HERE, "..", "resources")

# Answers on which parsers tend to differ; each is parsed by every parser below.
CASES = [
    "Yes", "yes", "No", "no", "NO", "Not", "Yes.", "No.", "Yes, there is.", "No, there is not.",
    "There is no dog in the image.", "There is not a cat.", "The dog is not visible, but yes.",
    "Yes. There is no cat.", "I cannot tell", "", " no", "no\nthere is", "No,there is",
    "nope", "Nothing", "yes, no", "No, yes", "It is a yes from me", "A", "B", "a", "b",
    "The answer is B", "A or B", "B, not A", "(A)", "Option B.", "Answer: a", "Bob", "A1", "Yes or no?",
    "Yes\tno", "déjà no", "no_way yes", "YES!", "noyes", "NaturalBench says nö",
]


def pope_official(text):
    # keep the first sentence, drop commas, split on single spaces; No/no/not anywhere means "no"
    if text.find(".") != -1:
        text = text.split(".")[0]
    text = text.replace(",", "")
    words = text.split(" ")
    return "no" if ("No" in words or "not" in words or "no" in words) else "yes"


def pope_lmms(text):
    t = text.lower().strip()
    return t if t in ("yes", "no") else None


def naturalbench_extract(text, task_type):
    def position(word):
        m = re.search(r"\b" + re.escape(word) + r"\b", text, re.IGNORECASE)
        return m.start() if m else -1
    if task_type == "yes_no":
        first, second = position("yes"), position("no")
    else:
        first, second = position("A"), position("B")
    if first == -1 and second == -1:
        return -1
    if first != -1 and second != -1:
        return 1 if first < second else 0
    return 0 if first == -1 else 1


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def pope_scores(labels, answers, parse):
    """labels: list of (question_id, label); answers: {question_id: text}. Missing and unparsed answers are wrong
    and not positives."""
    tp = fp = tn = fn = yes = 0
    for qid, label in labels:
        pred = parse(answers[qid]) if qid in answers else None
        if pred == "yes":
            yes += 1
        if label == "yes":
            if pred == "yes":
                tp += 1
            else:
                fn += 1
        else:
            if pred == "yes":
                fp += 1
            elif pred == "no":
                tn += 1
    n = len(labels)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"accuracy": (tp + tn) / n, "precision": precision, "recall": recall, "f1": f1, "yes_ratio": yes / n}


def naturalbench_scores(groups):
    # groups: list of [a00, a01, a10, a11]; gold is positional 1, 0, 0, 1
    q = i = acc = g = 0
    for a in groups:
        c = (a[0] == 1) + (a[1] == 0) + (a[2] == 0) + (a[3] == 1)
        acc += c
        q += (a[0] == 1 and a[1] == 0) + (a[3] == 1 and a[2] == 0)
        i += (a[0] == 1 and a[2] == 0) + (a[3] == 1 and a[1] == 0)
        g += c == 4
    n = len(groups)
    return {"acc": acc / (4 * n), "q_acc": q / (2 * n), "i_acc": i / (2 * n), "g_acc": g / n}


def main():
    out = {"cases": []}
    for text in CASES:
        out["cases"].append({
            "text": text,
            "pope_official": pope_official(text),
            "pope_lmms_eval": pope_lmms(text),
            "naturalbench_yes_no": naturalbench_extract(text, "yes_no"),
            "naturalbench_multiple_choice": naturalbench_extract(text, "multiple_choice"),
        })
    pope = {}
    for split in ("random", "adversarial"):
        labels = [(str(r["question_id"]), r["label"]) for r in read_jsonl(os.path.join(RESOURCES, "pope", "coco_pope_%s.json" % split))]
        answers = {str(r["question_id"]): r["text"] for r in read_jsonl(os.path.join(RESOURCES, "pope", "answers_%s.jsonl" % split))}
        pope[split] = {"official": pope_scores(labels, answers, pope_official), "lmms-eval": pope_scores(labels, answers, pope_lmms)}
    out["pope"] = pope
    answers = {r["question_id"]: r["text"] for r in read_jsonl(os.path.join(RESOURCES, "naturalbench", "answers.jsonl"))}
    groups = []
    for row in read_jsonl(os.path.join(RESOURCES, "naturalbench", "naturalbench.jsonl")):
        task = row.get("Question_Type", row.get("Question Type"))
        groups.append([naturalbench_extract(answers[f"{row['Index']}_{p}"], task) if f"{row['Index']}_{p}" in answers else -1
                       for p in ("q0_i0", "q0_i1", "q1_i0", "q1_i1")])
    out["naturalbench"] = naturalbench_scores(groups)
    os.makedirs(os.path.join(RESOURCES, "golden"), exist_ok=True)
    with open(os.path.join(RESOURCES, "golden", "reference-scores.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2, ensure_ascii=False, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
