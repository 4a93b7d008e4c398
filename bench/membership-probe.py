"""The membership probe of bench/membership-probe.sh in PyTorch: the world model's decoder (d 96, 3 layers, 4 heads,
RoPE, RMSNorm, SwiGLU 256, tied embeddings), AdamW lr 1e-3, warmup 3 % + cosine, clip 1.0, batch 64, on
"is q in a b c ?". Shows that the 0.02 initialisation's plateau is not an artefact of our engine.

Usage: /usr/bin/python3 bench/membership-probe.py [STEPS] [gpt2|fanin]   (about 0.5 s a step on 2 cores)
"""
import math
import random
import sys

import torch

torch.manual_seed(1)
random.seed(1)
torch.set_num_threads(2)
STEPS = int(sys.argv[1]) if len(sys.argv) > 1 else 600
INIT = sys.argv[2] if len(sys.argv) > 2 else "gpt2"
ITEMS = list("abcdefgh")
VOCAB = ["<pad>", "<bos>", "<eos>", "<user>", "<asst>"] + ITEMS + ["is", "in", "?", "yes", "no"]
IX = {w: i for i, w in enumerate(VOCAB)}
D, L, H, F = 96, 3, 4, 256
HD = D // H


def example():
    items = ITEMS[:]
    random.shuffle(items)
    shown = items[:3]
    yes = random.random() < 0.5
    q = random.choice(shown) if yes else random.choice(items[3:])
    prompt = ["<bos>", "<user>", "is", q, "in"] + shown + ["?", "<asst>"]
    return [IX[w] for w in prompt], IX["yes" if yes else "no"]


class RMSNorm(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.w = torch.nn.Parameter(torch.ones(D))

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-5) * self.w


def rope(x):
    t, half = x.shape[2], HD // 2
    inv = 10000 ** (-torch.arange(half) * 2 / HD)
    ang = torch.arange(t)[:, None] * inv[None]
    cos, sin = torch.cat([ang.cos()] * 2, -1), torch.cat([ang.sin()] * 2, -1)
    return x * cos + torch.cat([-x[..., half:], x[..., :half]], -1) * sin


class Block(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.n1, self.n2 = RMSNorm(), RMSNorm()
        lin = lambda i, o: torch.nn.Linear(i, o, bias=False)
        self.q, self.k, self.v, self.o = lin(D, D), lin(D, D), lin(D, D), lin(D, D)
        self.gate, self.up, self.down = lin(D, F), lin(D, F), lin(F, D)

    def forward(self, x):
        b, t, _ = x.shape
        h = self.n1(x)
        q, k, v = [m(h).view(b, t, H, HD).transpose(1, 2) for m in (self.q, self.k, self.v)]
        q, k = rope(q), rope(k)
        a = (q @ k.transpose(-1, -2)) / math.sqrt(HD)
        a = a.masked_fill(torch.triu(torch.ones(t, t, dtype=torch.bool), 1), -1e9).softmax(-1)
        x = x + self.o((a @ v).transpose(1, 2).reshape(b, t, D))
        h = self.n2(x)
        return x + self.down(torch.nn.functional.silu(self.gate(h)) * self.up(h))


class Decoder(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = torch.nn.Embedding(len(VOCAB), D)
        self.blocks = torch.nn.ModuleList([Block() for _ in range(L)])
        self.norm = RMSNorm()
        for name, p in self.named_parameters():
            if p.dim() == 2:
                std = 0.02 if INIT == "gpt2" else 1 / math.sqrt(p.shape[1])
                if name.endswith(("o.weight", "down.weight")):
                    std /= math.sqrt(2 * L)
                torch.nn.init.normal_(p, 0, std)

    def forward(self, tokens):
        x = self.embed(tokens)
        for block in self.blocks:
            x = block(x)
        return self.norm(x) @ self.embed.weight.T


model = Decoder()
opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0)
warmup = max(1, round(0.03 * STEPS))
for step in range(1, STEPS + 1):
    progress = min(1, max(0, step - warmup) / max(1, STEPS - warmup))
    for g in opt.param_groups:
        g["lr"] = 1e-3 * min(1, step / warmup) * 0.5 * (1 + math.cos(math.pi * progress))
    batch = [example() for _ in range(64)]
    tokens = torch.tensor([b[0] for b in batch])
    labels = torch.tensor([b[1] for b in batch])
    loss = torch.nn.functional.cross_entropy(model(tokens)[:, -1], labels)
    opt.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    if step % 50 == 0:
        print(f"step {step} loss {loss.item():.4f}", flush=True)
with torch.no_grad():
    batch = [example() for _ in range(1000)]
    guess = model(torch.tensor([b[0] for b in batch]))[:, -1].argmax(-1)
    right = sum(int(g) == b[1] for g, b in zip(guess.tolist(), batch))
print(f"held-out accuracy {right / 1000:.3f} ({INIT} initialisation, {STEPS} steps)")
