#!/usr/bin/env python3
"""Writes a synthetic bank of N questions (default 10,000) for `qbank lint` benchmarks.

Deterministic (seeded), schema-valid and close to lint-clean: distinct prompts built from word
lists, open questions with rubrics, model answers and examples (so lint grades them), plus
single, multiple, true-false and short questions with the correct option rotated.
Usage: gen-bank.py [N] > bank.yaml
"""
import random
import sys

N = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
rng = random.Random(20261129)

SUBJECTS = """replication leader election consensus quorum partitioning sharding caching rate-limiting
gossip membership failure-detection clocks snapshots compaction backpressure retries idempotency
fencing leases checkpoints batching streaming indexing hashing tracing sampling throttling queues
scheduling placement rebalancing tombstones merkle-trees bloom-filters vector-clocks heartbeats
timeouts deadlines hedging load-shedding admission-control""".split()
SYSTEMS = """Cassandra Dynamo Kafka etcd ZooKeeper Spanner CockroachDB Redis Envoy HAProxy NGINX Consul
Raft Paxos Bigtable HDFS Ceph Riak Memcached RabbitMQ Pulsar FoundationDB TiKV Vitess ScyllaDB""".split()
CONTEXTS = """a multi-region deployment|a cluster of five nodes|a mobile backend|a payments ledger|
a chat service|a metrics pipeline|an ad exchange|a search index|a feed service|a booking system|
a CDN edge|a job scheduler|an IoT gateway|a game lobby|a stock ticker""".replace("\n", "").split("|")
ASKS = [
    "How does {s} work in {sys}, and what breaks in {c}?",
    "Why would you choose {s} over the alternatives for {c} built on {sys}?",
    "What failure modes of {s} matter most in {c} using {sys}?",
    "Explain how {sys} implements {s} and how you would tune it for {c}.",
    "Design {s} for {c}; which guarantees of {sys} do you rely on?",
    "Compare {s} in {sys} with a hand-rolled design for {c}.",
]
DETAILS = """latency throughput skew hotspots tail p99 jitter churn rebalance drift lag backlog
fanout hedges bursts spikes storms herds stampede cascades brownouts blackholes flaps retries
poison replays reorder gaps holes splits merges fences tokens epochs terms ballots slots logs
segments offsets cursors watermarks windows triggers joins shuffles spills vnodes rings tiers
shards ranges regions zones racks hosts pods sidecars meshes proxies gateways edges origins
clients sessions tenants quotas budgets credits leases locks latches barriers mutexes queues
topics streams tables indexes blooms sketches digests hashes checksums snapshots deltas diffs
patches migrations schemas versions clocks vectors dots counters registers sets maps graphs""".split()
DIFFICULTIES = ["easy"] * 15 + ["medium"] * 45 + ["hard"] * 40


def q(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    out = sys.stdout
    out.write("qbank: 1\nid: generated\ntitle: Generated benchmark bank\nblueprint:\n  topics:\n")
    for s in SUBJECTS:
        out.write(f"    - {{id: {s}, title: {s.replace('-', ' ').title()}, min: 1}}\n")
    out.write("  difficulty: {easy: 0.15, medium: 0.45, hard: 0.4, tolerance: 0.15}\n")
    out.write("synonyms:\n  node: [server, host]\n  leader: [primary]\nquestions:\n")
    seen = set()
    for i in range(N):
        subject = SUBJECTS[i % len(SUBJECTS)]
        while True:
            prompt = rng.choice(ASKS).format(
                s=subject.replace("-", " "), sys=rng.choice(SYSTEMS), c=rng.choice(CONTEXTS)
            ) + " Consider " + " and ".join(" ".join(rng.sample(DETAILS, 2)) for _ in range(3)) + "."
            if prompt not in seen:
                seen.add(prompt)
                break
        difficulty = DIFFICULTIES[i % len(DIFFICULTIES)]
        kind = ["open", "open", "open", "single", "multiple", "true-false", "short"][i % 7]
        out.write(f"  - id: q{i:05d}\n    topic: {subject}\n    difficulty: {difficulty}\n")
        if kind != "open":
            out.write(f"    type: {kind}\n")
        out.write(f"    prompt: {q(prompt)}\n")
        if difficulty == "hard":
            out.write(f"    references: [{q('Kleppmann, 2017, Designing Data-Intensive Applications')}]\n")
        if kind == "open":
            out.write(
                f"    answer: {q(f'The leader replicates each write to a majority before it acknowledges; a follower node that misses heartbeats starts an election for {subject}.')}\n"
                "    rubric:\n      criteria:\n"
                "        - {id: majority, points: 2, any: [\"leader replicates each write to a majority\", \"quorum write\"]}\n"
                "        - {id: election, points: 2, all: [[node misses heartbeats, heartbeat timeout], [election, vote]], within: 8}\n"
                "      penalties:\n        - {id: async, points: 1, any: [\"acknowledges before replicating\"]}\n"
                "      examples:\n"
                "        - {answer: \"The primary replicates each write to a majority.\", expect: 2}\n"
            )
        elif kind in ("single", "multiple"):
            right = i % 4
            out.write("    options:\n")
            for k in range(4):
                correct = k == right or (kind == "multiple" and k == (right + 1) % 4)
                flag = ", correct: true" if correct else ""
                out.write(f"      - {{text: {q(f'Option {k + 1} about {subject} number {i}')}{flag}}}\n")
        elif kind == "true-false":
            out.write(f"    correct: {'true' if i % 2 else 'false'}\n")
        else:
            out.write(f"    accept: [{q(subject)}]\n")


main()
