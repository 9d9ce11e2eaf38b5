"""Fine-tune the top layers of MiniLM for target-dependent sentiment (training only; needs the extra).

The bottom ``6 - layers`` encoder layers stay frozen, so their outputs are computed once per mention
(:func:`frozen_states`) and reused for every epoch and every cross-validation fold; only the top ``layers``
layers and a linear head over the four pooled views (:func:`analysis._embeddings.pool_views`) are trained,
under bfloat16 autocast where the CPU supports it. The result ships as the top layers' weights (float16
``.npz``, a few MB) plus the head, applied over the packaged model at inference time.
"""

from __future__ import annotations

import copy
import logging
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from analysis._embeddings import (
    DIM,
    N_VIEWS,
    autocast,
    load_base_model,
    mention_segments,
    pad_batch,
    pool_views,
    resolve_precision,
)

logger = logging.getLogger(__name__)

N_LAYERS = 6


@dataclass
class FrozenStates:
    """Per mention: model input ``segs`` (ids, a, b) and the hidden states below the trained layers."""

    layers: int
    segs: list
    hidden: list

    def subset(self, idx) -> FrozenStates:
        """The states of the mentions at positions ``idx``."""
        return FrozenStates(self.layers, [self.segs[i] for i in idx], [self.hidden[i] for i in idx])


def frozen_states(texts, starts, ends, *, layers=2, max_tokens=128, precision="auto", batch_size=64):
    """Run the frozen bottom layers once for every mention; return :class:`FrozenStates`."""
    import torch

    precision = resolve_precision(precision)
    tokenizer, model = load_base_model()
    segs = mention_segments(tokenizer, texts, starts, ends, max_tokens)
    hidden = [None] * len(segs)
    order = sorted(range(len(segs)), key=lambda k: len(segs[k][0]))
    with torch.inference_mode(), autocast(precision):
        for b0 in range(0, len(order), batch_size):
            rows = order[b0 : b0 + batch_size]
            ids, mask = pad_batch([segs[k][0] for k in rows], tokenizer.pad_token_id)
            states = model(input_ids=ids, attention_mask=mask, output_hidden_states=True).hidden_states
            h = states[N_LAYERS - layers]
            for j, k in enumerate(rows):
                hidden[k] = h[j, : len(segs[k][0])].to(torch.bfloat16).clone()
    return FrozenStates(layers, segs, hidden)


def _net(base_model, layers: int, dropout: float):
    import torch

    class Net(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.layers = torch.nn.ModuleList(
                [copy.deepcopy(base_model.encoder.layer[N_LAYERS - layers + i]) for i in range(layers)]
            )
            self.drop = torch.nn.Dropout(dropout)
            self.head = torch.nn.Linear(N_VIEWS * DIM, 3)

        def encode(self, states: FrozenStates, rows, window: int):
            width = max(len(states.segs[k][0]) for k in rows)
            h = torch.zeros((len(rows), width, DIM))
            mask = torch.zeros((len(rows), width), dtype=torch.bool)
            for j, k in enumerate(rows):
                n = len(states.segs[k][0])
                h[j, :n] = states.hidden[k].float()
                mask[j, :n] = True
            ext = mask[:, None, None, :]  # boolean: True = attend (what SDPA takes)
            for layer in self.layers:
                out = layer(h, attention_mask=ext)
                h = out[0] if isinstance(out, tuple) else out
            segs = [states.segs[k] for k in rows]
            return pool_views(h.float(), [len(s[0]) for s in segs], [s[1] for s in segs],
                              [s[2] for s in segs], window)

        def forward(self, states, rows, window):
            return self.head(self.drop(self.encode(states, rows, window)))

    return Net()


class MentionFineTuner:
    """Fine-tune MiniLM's top layers and a linear head on labelled mentions (labels 0, 1, 2).

    Parameters follow scikit-learn's convention: ``__init__`` only stores them; :meth:`fit` sets
    ``layer_weights_`` (name -> array, names as in the packaged model's ``state_dict``) and ``head_``
    (an :class:`analysis._sentiment_features.LinearSoftmax` over the pooled views).
    """

    def __init__(self, *, layers=2, epochs=2, lr=5e-5, head_lr=1e-3, batch_size=32, weight_decay=0.01,
                 dropout=0.1, warmup=0.1, window=8, max_tokens=128, precision="auto", seed=0):
        self.layers = layers
        self.epochs = epochs
        self.lr = lr
        self.head_lr = head_lr
        self.batch_size = batch_size
        self.weight_decay = weight_decay
        self.dropout = dropout
        self.warmup = warmup
        self.window = window
        self.max_tokens = max_tokens
        self.precision = precision
        self.seed = seed

    def _batches(self, n: int, rng: np.random.Generator, lengths) -> list[np.ndarray]:
        """Random batches of similar-length mentions (less padding), in random order."""
        perm = rng.permutation(n)
        chunk = self.batch_size * 20
        batches = []
        for c0 in range(0, n, chunk):
            part = sorted(perm[c0 : c0 + chunk], key=lambda k: lengths[k])
            batches += [np.array(part[b : b + self.batch_size]) for b in range(0, len(part), self.batch_size)]
        return [batches[i] for i in rng.permutation(len(batches))]

    def fit(self, states: FrozenStates, y, *, sample_weight=None, domain=None) -> MentionFineTuner:
        """Train on precomputed :class:`FrozenStates` (see :func:`frozen_states`) and labels ``y``.

        ``sample_weight`` weights each mention's loss (e.g. the domain-labelled rows more than NewsMTSC's);
        ``domain`` (0/1 per mention) adds a learnt per-domain bias to the logits of the rows marked 1 (a
        domain indicator): ``head_`` then scores domain 0 and ``domain_head_`` domain 1.
        """
        import torch

        from analysis._sentiment_features import LABELS, LinearSoftmax

        if states.layers != self.layers:
            raise ValueError(f"states were computed below {states.layers} layers, not {self.layers}")
        n = len(states.segs)
        if len(y) != n or (sample_weight is not None and len(sample_weight) != n) or (
            domain is not None and len(domain) != n
        ):
            raise ValueError("y, sample_weight and domain must have one value per mention")
        y = torch.as_tensor(np.array(y), dtype=torch.long)
        w = torch.as_tensor(np.ones(n) if sample_weight is None else np.asarray(sample_weight), dtype=torch.float32)
        d = None if domain is None else torch.as_tensor(np.asarray(domain), dtype=torch.float32)
        torch.manual_seed(self.seed)
        rng = np.random.default_rng(self.seed)
        precision = resolve_precision(self.precision)
        _, base = load_base_model()
        net = _net(base, self.layers, self.dropout)
        domain_bias = torch.nn.Parameter(torch.zeros(3))
        opt = torch.optim.AdamW(
            [{"params": net.layers.parameters(), "lr": self.lr},
             {"params": [*net.head.parameters(), domain_bias], "lr": self.head_lr}],
            weight_decay=self.weight_decay,
        )
        lengths = [len(s[0]) for s in states.segs]
        steps = self.epochs * math.ceil(len(lengths) / self.batch_size)
        warm = max(1, int(self.warmup * steps))
        sched = torch.optim.lr_scheduler.LambdaLR(
            opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (steps - s) / steps)
        )
        for epoch in range(self.epochs):
            net.train()
            total = 0.0
            for rows in self._batches(len(lengths), rng, lengths):
                with autocast(precision):
                    logits = net(states, rows, self.window)
                logits = logits.float()
                if d is not None:
                    logits = logits + d[rows, None] * domain_bias
                per_row = torch.nn.functional.cross_entropy(logits, y[rows], reduction="none")
                loss = (per_row * w[rows]).sum() / w[rows].sum().clamp_min(1e-8)
                opt.zero_grad()
                loss.backward()
                opt.step()
                sched.step()
                total += float(loss.detach()) * len(rows)
            logger.info("fine-tune epoch %d/%d: loss %.4f", epoch + 1, self.epochs, total / len(lengths))
        net.eval()
        first = N_LAYERS - self.layers
        self.layer_weights_ = {
            f"encoder.layer.{first + i}.{name}": t.detach().numpy().copy()
            for i, layer in enumerate(net.layers)
            for name, t in layer.state_dict().items()
        }
        coef, bias = net.head.weight.detach().numpy().copy(), net.head.bias.detach().numpy().copy()
        self.head_ = LinearSoftmax(coef, bias, LABELS)
        self.domain_bias_ = domain_bias.detach().numpy().copy() if d is not None else np.zeros(3)
        self.domain_head_ = LinearSoftmax(coef, bias + self.domain_bias_, LABELS)
        return self

    def save_layers(self, path: str | Path) -> None:
        """Write the fine-tuned layers as float16 ``.npz`` (loaded by :mod:`analysis._embeddings`)."""
        if not hasattr(self, "layer_weights_"):
            raise RuntimeError("MentionFineTuner is not fitted")
        np.savez_compressed(path, **{k: v.astype(np.float16) for k, v in self.layer_weights_.items()})
