#!/usr/bin/env python3
"""DPO + LoRA on a VaPR preference dataset with TRL, as exported by `vapr export trl`.

Reads, from this script's folder:
  run.json         the base model, its transformers class, the TRL-format JSONL and the image root
  dpo_config.json  trl.DPOConfig fields (beta, loss_type, learning rate, batch, schedule, output_dir, seed, ...)
  lora_config.json peft.LoraConfig fields (rank, alpha, dropout, target modules)
Launch it with accelerate (see README.md). Needs trl>=1.0, peft, accelerate, deepspeed, datasets and pillow.
"""
import json
import os
from pathlib import Path

import torch
import transformers
from datasets import Image, Sequence, load_dataset
from peft import LoraConfig
from transformers import AutoProcessor
from trl import DPOConfig, DPOTrainer

HERE = Path(__file__).resolve().parent


def read_json(name):
    with open(HERE / name, encoding="utf-8") as f:
        return json.load(f)


def absolute_images(root):
    def resolve(row):
        return {"images": [p if os.path.isabs(p) else os.path.join(root, p) for p in row["images"]]}
    return resolve


def main():
    run = read_json("run.json")
    args = DPOConfig(**read_json("dpo_config.json"))
    lora = LoraConfig(**read_json("lora_config.json"))

    model_class = getattr(transformers, run["model_class"])
    model = model_class.from_pretrained(run["model_name_or_path"], dtype=torch.bfloat16)
    processor = AutoProcessor.from_pretrained(run["model_name_or_path"])

    # Rows: images (paths), prompt (user turn with an image part), chosen and rejected (assistant turns).
    data = load_dataset("json", data_files=run["train_file"], split="train")
    if run.get("image_root"):
        data = data.map(absolute_images(run["image_root"]))
    data = data.cast_column("images", Sequence(Image()))

    trainer = DPOTrainer(
        model=model,
        args=args,
        train_dataset=data,
        processing_class=processor,
        peft_config=lora,
    )
    trainer.train()
    trainer.save_model(args.output_dir)
    processor.save_pretrained(args.output_dir)


if __name__ == "__main__":
    main()
