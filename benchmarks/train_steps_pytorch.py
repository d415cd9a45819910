#!/usr/bin/python3
"""The PyTorch eager side of `repro bench`: times training steps of the same model, batch size,
optimizer and loss on the same libtorch (Debian's python3-torch), and prints one JSON line.

Models, as Repro builds them from the reports (Keras initialisers: glorot-uniform kernels, zero biases):
  lenet5     report 003: conv 6@5x5 relu, pool 2, conv 16@5x5 relu, pool 2, dense 120, 84, 10; Adam 1e-3
  report004  report 004 (--hidden N_HIDDEN, default 128): conv 64@3x3 same relu (+L1L2 kernel, L1 bias, L2 activity), BN, pool 2,
             conv 128@3x3 same relu (same regularisers), BN, pool 2, dense 128 relu (same), dropout 0.6,
             dense 10; Adam 5e-4 with exponential decay (0.98 every 10,000 steps)

With --device cuda the images and labels live on the GPU, the settings are Repro's for a run (cuDNN deterministic,
no benchmarking, deterministic algorithms, TF32 off, CUBLAS_WORKSPACE_CONFIG=:4096:8), and the clock is read after
torch.cuda.synchronize(), since kernels run asynchronously.

Usage: /usr/bin/python3 benchmarks/train_steps_pytorch.py --model lenet5 --batch 128 --steps 200 [--threads N] [--device cpu|cuda]
"""
import argparse
import json
import os
import time

import torch
from torch import nn


def keras_init(model):
    for module in model.modules():
        if isinstance(module, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(module.weight)
            nn.init.zeros_(module.bias)
    return model


def lenet5():
    return keras_init(nn.Sequential(
        nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(256, 120), nn.ReLU(),
        nn.Linear(120, 84), nn.ReLU(),
        nn.Linear(84, 10)))


class Report004(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 64, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(64, eps=1e-3, momentum=0.01)
        self.conv2 = nn.Conv2d(64, hidden, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(hidden, eps=1e-3, momentum=0.01)
        self.dense = nn.Linear(7 * 7 * hidden, hidden)
        self.dropout = nn.Dropout(0.6)
        self.out = nn.Linear(hidden, 10)
        keras_init(self)

    def forward(self, x):
        activity = 0.0
        x = torch.relu(self.conv1(x))
        activity = activity + 1e-4 * x.square().sum() / x.shape[0]
        x = nn.functional.max_pool2d(self.bn1(x), 2)
        x = torch.relu(self.conv2(x))
        activity = activity + 1e-4 * x.square().sum() / x.shape[0]
        x = nn.functional.max_pool2d(self.bn2(x), 2).flatten(1)
        x = torch.relu(self.dense(x))
        activity = activity + 1e-4 * x.square().sum() / x.shape[0]
        return self.out(self.dropout(x)), activity

    def weight_penalty(self):
        total = 0.0
        for layer in (self.conv1, self.conv2, self.dense):
            total = total + 1e-5 * layer.weight.abs().sum() + 1e-4 * layer.weight.square().sum() + 1e-5 * layer.bias.abs().sum()
        return total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", choices=["lenet5", "report004"], required=True)
    parser.add_argument("--batch", type=int, required=True)
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--hidden", type=int, default=128, help="report004: N_HIDDEN (128 final, 512 the largest sweep row)")
    parser.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    args = parser.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    device = torch.device(args.device)
    if device.type == "cuda":
        if not torch.cuda.is_available():
            parser.error(f"--device cuda: this PyTorch ({torch.__version__}) sees no CUDA GPU")
        # cuBLAS reads this when it creates its first handle.
        os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
        torch.backends.cudnn.deterministic = True
        torch.backends.cudnn.benchmark = False
        torch.use_deterministic_algorithms(True)
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False
    torch.manual_seed(1)

    # Initialised on the CPU and moved, as Repro does; the data stay on the device.
    model = (lenet5() if args.model == "lenet5" else Report004(args.hidden)).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3 if args.model == "lenet5" else 5e-4, eps=1e-7)
    images = torch.rand(2048, 1, 28, 28).to(device)
    labels = torch.randint(0, 10, (2048,)).to(device)

    def synchronize():
        if device.type == "cuda":
            torch.cuda.synchronize()

    def step(i):
        index = torch.randint(0, 2048, (args.batch,), device=device)
        optimizer.zero_grad()
        if args.model == "lenet5":
            logits = model(images[index])
            loss = nn.functional.cross_entropy(logits, labels[index])
        else:
            for group in optimizer.param_groups:
                group["lr"] = 5e-4 * 0.98 ** (i / 10000)
            logits, activity = model(images[index])
            loss = nn.functional.cross_entropy(logits, labels[index]) + activity + model.weight_penalty()
        loss.backward()
        optimizer.step()
        # Keras's train step also updates the accuracy metric; Repro's does too.
        loss.item(), (logits.argmax(1) == labels[index]).sum().item()

    model.train()
    for i in range(args.warmup):
        step(i)
    synchronize()
    start = time.perf_counter()
    for i in range(args.steps):
        step(i)
    synchronize()
    seconds = time.perf_counter() - start
    print(json.dumps({"engine": f"PyTorch {torch.__version__} eager", "device": args.device, "threads": torch.get_num_threads(),
                      "steps": args.steps, "seconds": seconds, "steps_per_second": args.steps / seconds}))


if __name__ == "__main__":
    main()
