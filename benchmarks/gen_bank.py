#!/usr/bin/env python3
"""Write a synthetic, valid qbank bank with N questions (default 10,000) to stdout.

usage: gen_bank.py [N]
Every question type appears; open questions carry Markdown answers, a rubric, follow-ups and
references, so the export does the same work per note as for a real bank. Deterministic.
"""
import json
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
topics = [f"topic-{i:02d}" for i in range(20)]
diffs = ["easy", "medium", "hard"]
out = ["qbank: 1", "id: bench", "title: Benchmark Bank", "blueprint:", "  topics:"]
out += [f"    - {{id: {t}, title: Topic {t[-2:]}, min: 1}}" for t in topics]
out.append("questions:")
for i in range(n):
    t, d = topics[i % len(topics)], diffs[i % 3]
    kind = ["open", "open", "single", "multiple", "true-false", "short"][i % 6]
    q = [f"  - id: q-{i:05d}", f"    topic: {t}", f"    type: {kind}", f"    difficulty: {d}",
         f"    tags: [tag-{i % 50}, bench]",
         f"    prompt: {json.dumps(f'Question {i}: explain **mechanism {i}** and its trade-offs in `system-{i % 97}`.')}"]
    if kind == "open":
        q += ["    answer: |",
              f"      Mechanism {i} works by *replicating* state across nodes; see `sys-{i}`.",
              "",
              "      - it keeps writes durable",
              "      - it tolerates one failure",
              "",
              "      ```python",
              f"      def handler_{i}(x):",
              "          return x * 2",
              "      ```",
              "    rubric:",
              "      criteria:",
              f"        - {{id: durable, points: 2, describe: Mentions durability of mechanism {i}, any: [durable]}}",
              "        - {id: failure, points: 1, describe: Mentions failure tolerance, any: [failure]}",
              f"    follow_ups: [{json.dumps(f'What happens to mechanism {i} under a partition?')}]",
              f"    references: [{json.dumps(f'Author {i}, 2020, Paper {i}, Venue.')}]"]
    elif kind in ("single", "multiple"):
        q += ["    options:",
              f"      - {{text: {json.dumps(f'Option A of {i}')}, correct: true, feedback: Right.}}",
              f"      - {{text: {json.dumps(f'Option B of {i}')}, correct: {'true' if kind == 'multiple' else 'false'}}}",
              f"      - {{text: {json.dumps(f'Option C of {i}')}, feedback: Wrong.}}"]
    elif kind == "true-false":
        q += ["    correct: true", f"    answer: {json.dumps(f'Statement {i} holds.')}"]
    else:
        q += [f'    accept: ["{i}"]', f"    answer: {json.dumps(f'The answer is {i}.')}"]
    out += q
print("\n".join(out))
