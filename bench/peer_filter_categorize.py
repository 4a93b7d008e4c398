#!/usr/bin/env python3
"""The peer for bench/build-vs-python.sh: the straightforward script a researcher would write to do what
`vapr build --stages filter,categorize,sample` does on a LLaVA-665K file: json.load the whole corpus, split
the conversations into QA turns, drop text-only / multiple-choice / bbox / OCR turns with `re`, categorize
the rest by the same keyword rules (vapr's rules.yaml, so both sides do the same regex work), draw a seeded
stratified sample with Table 1 shares, and write candidates.jsonl, dropped.jsonl and sampled.jsonl.

usage: peer_filter_categorize.py LLAVA_JSON RULES_YAML OUT_DIR SIZE SEED
"""
import collections
import json
import os
import random
import re
import sys

import yaml

TABLE1 = {"object": 13.3, "color": 13.3, "size": 3.3, "background": 3.3, "spatial": 13.3, "counting": 16.7,
          "existence": 13.3, "referential": 13.3, "reasoning": 3.3, "captioning": 6.7}


def main():
    corpus, rules_file, out, size, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    with open(rules_file) as f:
        rules = yaml.safe_load(f)
    flags = re.IGNORECASE
    suffixes = [re.compile(r"\s*(?:" + s + r")\s*$", flags) for s in rules.get("prompt_suffixes", [])]
    filters = [(r["reason"], [re.compile(p, flags) for p in r.get("question", [])],
                [re.compile(p, flags) for p in r.get("answer", [])],
                [re.compile(p, flags) for p in r.get("image", [])]) for r in rules["filters"]]
    categories = [(r["category"], [re.compile(p, flags) for p in r.get("question", [])]) for r in rules["categories"]]

    with open(corpus, encoding="utf-8") as f:
        records = json.load(f)

    os.makedirs(out, exist_ok=True)
    candidates = []
    with open(os.path.join(out, "candidates.jsonl"), "w", encoding="utf-8") as cand, \
            open(os.path.join(out, "dropped.jsonl"), "w", encoding="utf-8") as dropped:
        for rec in records:
            conv = rec["conversations"]
            image = rec.get("image")
            for t in range(len(conv) // 2):
                q, a = conv[2 * t]["value"], conv[2 * t + 1]["value"]
                if not image:
                    dropped.write(json.dumps({"source_id": rec["id"], "turn": t, "reason": "text_only"}) + "\n")
                    continue
                ql, al = q.lower(), a.lower()
                reason = None
                for name, qs, ans, ims in filters:
                    if any(p.search(ql) for p in qs) or any(p.search(al) for p in ans) or any(p.search(image) for p in ims):
                        reason = name
                        break
                if reason:
                    dropped.write(json.dumps({"source_id": rec["id"], "turn": t, "reason": reason}) + "\n")
                    continue
                prompt = q.replace("<image>\n", "").replace("\n<image>", "").replace("<image>", "").strip()
                for s in suffixes:
                    stripped = s.sub("", prompt).strip()
                    if stripped:
                        prompt = stripped
                pl = prompt.lower()
                category = next((c for c, ps in categories if any(p.search(pl) for p in ps)), None)
                if category is None:
                    dropped.write(json.dumps({"source_id": rec["id"], "turn": t, "reason": "uncategorized"}) + "\n")
                    continue
                row = {"source_id": rec["id"], "turn": t, "image": image, "category": category, "prompt": prompt, "answer": a}
                cand.write(json.dumps(row) + "\n")
                candidates.append(row)

    rng = random.Random(seed)
    by_cat = collections.defaultdict(list)
    for row in candidates:
        by_cat[row["category"]].append(row)
    total = sum(TABLE1.values())
    with open(os.path.join(out, "sampled.jsonl"), "w", encoding="utf-8") as sampled:
        for cat, share in TABLE1.items():
            pool = by_cat.get(cat, [])
            rng.shuffle(pool)
            for row in pool[:round(size * share / total)]:
                sampled.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    main()
