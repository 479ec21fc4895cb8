"""Runs the reference trainer's own V1 loader (dataset_new.py of sapientinc/HRM-Text, unmodified) on a
V1 dataset directory and prints, as JSON, every sample of every epoch as the trainer's batches give it.

The reference imports torch, numba and FlashAttention-3 (flash_attn_interface), none of which the
loader needs to read data: before importing it, this script puts minimal stand-ins for exactly those
libraries in sys.modules (torch.from_numpy -> numpy array, IterableDataset/Sampler -> object,
numba.njit -> the plain Python function, the rest inert). The reference's dataset_new.py,
multipack_sampler.py and models/{common,layers,flash_attention_prefixlm_v2}.py run as they are.

Each batch is cut back into samples with the batch's own cu_seqlens and prefix_lens: sample k's
instruction is inputs[cu[k] : cu[k] + prefix_len], its response labels[cu[k] + prefix_len - 1 : cu[k+1]]
(the loader puts inst[1:] then resp in labels).

Usage: python3 run_dataset_new.py REFERENCE_REPO DATASET_DIR EPOCHS
"""
import json
import sys
import types

import numpy as np


class _Inert:
    """Any attribute, call, subscript or subclassing gives another inert value (module-level torch use)."""

    def __init__(self, *args, **kwargs):
        pass

    def __getattr__(self, name):
        return _Inert()

    def __call__(self, *args, **kwargs):
        if len(args) == 1 and callable(args[0]) and not kwargs:
            return args[0]  # used as a decorator
        return _Inert()

    def __getitem__(self, item):
        return _Inert()

    def __mro_entries__(self, bases):
        return (object,)


class _StubModule(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return _Inert()


def _stub(name, **attrs):
    m = _StubModule(name)
    m.__path__ = []
    for k, v in attrs.items():
        setattr(m, k, v)
    sys.modules[name] = m
    return m


class _Base:
    def __init__(self, *args, **kwargs):
        pass


torch = _stub("torch", from_numpy=np.asarray, Tensor=_Base)
torch.utils = _stub("torch.utils")
torch.utils.data = _stub("torch.utils.data", IterableDataset=_Base, Sampler=_Base, get_worker_info=lambda: None)
torch.distributed = _stub("torch.distributed", is_available=lambda: False)
torch.nn = _stub("torch.nn", Module=_Base)
torch.nn.functional = _stub("torch.nn.functional")
_stub("numba", njit=lambda f=None, **kw: f if f is not None else (lambda g: g))
_stub("flash_attn_interface")
_stub("einops")

repo, path, epochs = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path.insert(0, repo)
import dataset_new  # noqa: E402  (the reference's file)

with open(f"{path}/metadata.json") as f:
    max_seq_len = json.load(f)["max_seq_len"]
config = dataset_new.V1DatasetConfig(seed=0, dataset_path=path, batch_max_length=max(4 * max_seq_len, 4096),
                                     drop_last_batch=False, target_only=False, rank=0, num_replicas=1)
ds = dataset_new.V1Dataset(config)
out = {"vocab_size": ds.metadata.vocab_size, "max_seq_len": ds.metadata.max_seq_len,
       "total_length": ds.metadata.total_length, "tokenizer_info": ds.metadata.tokenizer_info, "epochs": []}
for _ in range(epochs):
    samples = []
    for batch, scalars in ds:
        inputs, labels = batch["inputs"], batch["labels"]
        cu, prefix = batch["cu_seqlens"], batch["prefix_lens"]
        assert inputs.dtype == np.int32 and labels.dtype == np.int32
        for k in range(scalars["numseqs"]):
            start, end, p = int(cu[k]), int(cu[k + 1]), int(prefix[k])
            samples.append({"inst": inputs[start:start + p].tolist(), "resp": labels[start + p - 1:end].tolist()})
    out["epochs"].append(samples)
print(json.dumps(out))
