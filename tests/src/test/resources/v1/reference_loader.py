"""Reads a V1 dataset directory the way the reference trainer's dataset_new.py does, and prints JSON.

metadata.json: tokenizer_info.vocab_size popped (metadata vocab_size must be None), max_seq_len
minus 1 for the autoregressive shift; tokens.npy and epoch_E/{inst,resp}_{start,len}.npy opened
with np.load(mmap_mode="r"); each sample's spans sliced as data[start:start+len].astype(int32);
packed lengths inst_len + resp_len - 1 as the multipack sampler sees them.
Usage: python3 reference_loader.py DIR EPOCHS
"""
import json
import os
import sys

import numpy as np

path, epochs = sys.argv[1], int(sys.argv[2])
with open(os.path.join(path, "metadata.json")) as f:
    meta = json.load(f)
assert meta["vocab_size"] is None
vocab = meta["tokenizer_info"].pop("vocab_size")
data = np.load(os.path.join(path, "tokens.npy"), mmap_mode="r")
out = {"tokens_dtype": str(data.dtype), "vocab_size": vocab, "max_seq_len": meta["max_seq_len"] - 1,
       "total_length": meta["total_length"], "tokenizer_info": meta["tokenizer_info"], "epochs": []}
for e in range(epochs):
    idx = {k: np.load(os.path.join(path, f"epoch_{e}", f"{k}.npy"), mmap_mode="r")
           for k in ["inst_start", "inst_len", "resp_start", "resp_len"]}
    dtypes = sorted({str(v.dtype) for v in idx.values()})
    samples = []
    for i in range(len(idx["inst_start"])):
        inst = data[idx["inst_start"][i]: idx["inst_start"][i] + idx["inst_len"][i]].astype(np.int32)
        resp = data[idx["resp_start"][i]: idx["resp_start"][i] + idx["resp_len"][i]].astype(np.int32)
        samples.append({"inst": inst.tolist(), "resp": resp.tolist()})
    lengths = (idx["inst_len"] + idx["resp_len"] - 1).tolist()
    out["epochs"].append({"dtypes": dtypes, "samples": samples, "packed_lengths": lengths})
print(json.dumps(out))
