"""PyTorch reference for vapr's WorldVlm (run by PyTorchParityTest with Debian's /usr/bin/python3 and python3-torch).

Reads DIR/config.json, DIR/weights.safetensors and DIR/inputs.safetensors written by the Java test, rebuilds the same
model in plain PyTorch, and writes DIR/torch_out.safetensors with:
  sft.loss, sft.grad.<param>   one SFT step: mean cross-entropy over answer tokens, full fine-tuning, LoRA off
  dpo.loss, dpo.grad.<factor>  one DPO step with LoRA: sigmoid loss, beta from the config, reference = adapters off,
                               sequence log-prob = sum over completion tokens; gradients of the LoRA factors only
  dpo.logp_chosen, dpo.logp_rejected, dpo.ref_logp_chosen, dpo.ref_logp_rejected
Usage: parity.py DIR   (also: parity.py --bench DIR, see bench/train-step.sh)
No safetensors package: the header is parsed with json and the data read with torch.frombuffer.
"""
import json
import math
import struct
import sys
import time

import torch
import torch.nn.functional as F

DTYPES = {"F32": torch.float32, "I32": torch.int32, "I64": torch.int64}


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n].decode("utf-8"))
    out = {}
    base = 8 + n
    for name, e in header.items():
        if name == "__metadata__":
            continue
        begin, end = e["data_offsets"]
        dtype = DTYPES[e["dtype"]]
        if end == begin:
            t = torch.zeros(e["shape"], dtype=dtype)
        else:
            t = torch.frombuffer(bytearray(data[base + begin:base + end]), dtype=dtype).reshape(e["shape"])
        out[name] = t.clone()
    return out


def write_safetensors(path, tensors):
    header = {}
    blobs = []
    offset = 0
    for name in sorted(tensors):
        t = tensors[name].detach().to(torch.float32).contiguous()
        b = t.numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    h = json.dumps(header).encode("utf-8")
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


class WorldVlm:
    """The same computation as org.vapr.train.model.WorldVlm, on a dict of named tensors."""

    def __init__(self, cfg, params, lora=None):
        self.c = cfg
        self.p = params
        self.lora = lora  # dict with rank, alpha, targets or None
        self.adapters = lora is not None

    def linear(self, x, name, module):
        y = F.linear(x, self.p[name + ".weight"], self.p.get(name + ".bias"))
        a = self.p.get(name + ".lora_A.weight")
        if self.adapters and a is not None:
            scale = self.lora["alpha"] / self.lora["rank"]
            y = y + F.linear(F.linear(x, a), self.p[name + ".lora_B.weight"]) * scale
        return y

    def rms(self, x, w):
        return x / torch.sqrt((x * x).mean(-1, keepdim=True) + self.c["norm_eps"]) * w

    def rope(self, x, cos, sin):
        h = x.shape[-1] // 2
        rot = torch.cat([-x[..., h:], x[..., :h]], dim=-1)
        return x * cos + rot * sin

    def block(self, x, prefix, cos, sin, mask):
        b, s, d = x.shape
        nh = self.c["heads"]
        hd = d // nh
        h = self.rms(x, self.p[prefix + ".attn_norm.weight"])
        q = self.linear(h, prefix + ".q", "q").reshape(b, s, nh, hd).transpose(1, 2)
        k = self.linear(h, prefix + ".k", "k").reshape(b, s, nh, hd).transpose(1, 2)
        v = self.linear(h, prefix + ".v", "v").reshape(b, s, nh, hd).transpose(1, 2)
        if cos is not None:
            q = self.rope(q, cos, sin)
            k = self.rope(k, cos, sin)
        scores = q @ k.transpose(2, 3) * (1.0 / math.sqrt(hd))
        if mask is not None:
            scores = scores + mask
        out = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, s, d)
        x = x + self.linear(out, prefix + ".o", "o")
        h = self.rms(x, self.p[prefix + ".ffn_norm.weight"])
        g = self.linear(h, prefix + ".gate", "gate")
        return x + self.linear(F.silu(g) * self.linear(h, prefix + ".up", "up"), prefix + ".down", "down")

    def logits(self, pixels, tokens):
        c = self.c
        b = pixels.shape[0]
        p = c["patch_size"]
        g = c["image_size"] // p
        patches = pixels.reshape(b, 3, g, p, g, p).permute(0, 2, 4, 1, 3, 5).reshape(b, g * g, 3 * p * p)
        x = F.linear(patches, self.p["vision.patch_embed.weight"], self.p["vision.patch_embed.bias"]) + self.p["vision.pos_embed"]
        if c["vision_layers"] > 0:
            for i in range(c["vision_layers"]):
                x = self.block(x, "vision.layers.%d" % i, None, None, None)
            x = self.rms(x, self.p["vision.norm.weight"])
        img = self.linear(F.gelu(self.linear(x, "projector.fc1", "proj")), "projector.fc2", "proj")
        txt = F.embedding(tokens.long(), self.p["embed.weight"])
        x = torch.cat([img, txt], dim=1)
        n = img.shape[1]
        s = x.shape[1]
        hd = c["d_model"] // c["heads"]
        inv = torch.tensor([c["rope_theta"] ** (-2.0 * i / hd) for i in range(hd // 2)], dtype=torch.float64)
        ang = torch.arange(s, dtype=torch.float64)[:, None] * inv[None, :]
        ang = torch.cat([ang, ang], dim=-1)
        cos, sin = ang.cos().float(), ang.sin().float()
        mask = torch.triu(torch.full((s, s), -1e9), diagonal=1)
        for i in range(c["layers"]):
            x = self.block(x, "layers.%d" % i, cos, sin, mask)
        x = self.rms(x, self.p["norm.weight"])[:, n:, :]
        head = self.p["embed.weight"] if c["tie_embeddings"] else self.p["lm_head.weight"]
        return F.linear(x, head)


def token_logps(logits, tokens):
    logp = logits[:, :-1, :].log_softmax(-1)
    return logp.gather(2, tokens[:, 1:].long().unsqueeze(2)).squeeze(2)


def sft_loss(model, pixels, tokens, mask):
    lp = token_logps(model.logits(pixels, tokens), tokens)
    m = mask[:, 1:]
    return -(lp * m).sum() / m.sum()


def seq_logps(model, pixels, tokens, mask):
    return (token_logps(model.logits(pixels, tokens), tokens) * mask[:, 1:]).sum(1)


def main(d):
    torch.manual_seed(0)
    torch.set_num_threads(2)
    cfg = json.load(open(d + "/config.json"))
    weights = read_safetensors(d + "/weights.safetensors")
    x = read_safetensors(d + "/inputs.safetensors")
    out = {}

    # SFT: full fine-tuning, adapters off
    base = {k: v.clone().requires_grad_(not ("lora_" in k)) for k, v in weights.items()}
    model = WorldVlm(cfg["model"], base, cfg["lora"])
    model.adapters = False
    loss = sft_loss(model, x["sft.pixels"], x["sft.tokens"], x["sft.mask"])
    loss.backward()
    out["sft.loss"] = loss.detach().reshape(())
    for k, v in base.items():
        if v.requires_grad:
            out["sft.grad." + k] = v.grad if v.grad is not None else torch.zeros_like(v)

    # DPO with LoRA: reference = the same model with the adapters off
    params = {k: v.clone().requires_grad_("lora_" in k) for k, v in weights.items()}
    model = WorldVlm(cfg["model"], params, cfg["lora"])
    beta = cfg["beta"]
    with torch.no_grad():
        model.adapters = False
        ref_c = seq_logps(model, x["dpo.pixels"], x["dpo.chosen"], x["dpo.chosen_mask"])
        ref_r = seq_logps(model, x["dpo.pixels"], x["dpo.rejected"], x["dpo.rejected_mask"])
    model.adapters = True
    pol_c = seq_logps(model, x["dpo.pixels"], x["dpo.chosen"], x["dpo.chosen_mask"])
    pol_r = seq_logps(model, x["dpo.pixels"], x["dpo.rejected"], x["dpo.rejected_mask"])
    delta = (pol_c - ref_c) - (pol_r - ref_r)
    loss = -F.logsigmoid(beta * delta).mean()
    loss.backward()
    out["dpo.loss"] = loss.detach().reshape(())
    out["dpo.logp_chosen"] = pol_c.detach()
    out["dpo.logp_rejected"] = pol_r.detach()
    out["dpo.ref_logp_chosen"] = ref_c
    out["dpo.ref_logp_rejected"] = ref_r
    for k, v in params.items():
        if v.requires_grad:
            out["dpo.grad." + k] = v.grad
    write_safetensors(d + "/torch_out.safetensors", out)
    print("torch %s sft.loss %.6f dpo.loss %.6f" % (torch.__version__, out["sft.loss"].item(), out["dpo.loss"].item()))


def bench(d):
    """Times the SFT step (forward, backward, Adam) of the model in DIR, as the Java bench does."""
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    torch.set_num_threads(threads)
    cfg = json.load(open(d + "/config.json"))
    weights = read_safetensors(d + "/weights.safetensors")
    x = read_safetensors(d + "/inputs.safetensors")
    params = {k: v.clone().requires_grad_("lora_" not in k) for k, v in weights.items() if "lora_" not in k}
    model = WorldVlm(cfg["model"], params, None)
    opt = torch.optim.Adam([v for v in params.values()], lr=1e-4)
    steps = cfg.get("steps", 30)
    warm = cfg.get("warmup", 5)
    t0 = None
    for i in range(warm + steps):
        if i == warm:
            t0 = time.perf_counter()
        opt.zero_grad()
        loss = sft_loss(model, x["sft.pixels"], x["sft.tokens"], x["sft.mask"])
        loss.backward()
        opt.step()
    dt = time.perf_counter() - t0
    print(json.dumps({"torch": torch.__version__, "threads": threads, "steps": steps, "seconds": dt,
                      "steps_per_s": steps / dt}))


if __name__ == "__main__":
    if sys.argv[1] == "--bench":
        bench(sys.argv[2])
    else:
        main(sys.argv[1])
