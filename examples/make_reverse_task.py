"""Writes examples/reverse.jsonl: a deterministic token-id task (reverse a digit string).

Token layout of HRM-Text with a tiny vocabulary: 1 = <boq>, 2 = <eoq>, 3 = <eoa>, 4 = direct,
10..19 = the digits 0..9. Instruction: <boq> direct d1..dn <eoq>; response: dn..d1 <eoa>.
Usage: python3 examples/make_reverse_task.py > examples/reverse.jsonl
"""
import json
import random

rng = random.Random(1234)
for _ in range(2000):
    n = rng.randint(3, 10)
    digits = [10 + rng.randint(0, 9) for _ in range(n)]
    print(json.dumps({"instruction_ids": [1, 4] + digits + [2], "response_ids": digits[::-1] + [3]},
                     separators=(",", ":")))
