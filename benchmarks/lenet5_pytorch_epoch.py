#!/usr/bin/python3
"""Times report 003's LeNet-5 training epoch in PyTorch eager, for comparison with Repro's
`epoch_seconds` (artifacts/results/003-lenet5/result.json) on the same machine and libtorch.

The loop matches Repro's: 54,000 training images in shuffled batches of 128, Keras-style
glorot-uniform kernels and zero biases, Adam (lr 1e-3, eps 1e-7), cross-entropy on logits,
then validation on the last 6,000 images in batches of 32.

Usage: /usr/bin/python3 benchmarks/lenet5_pytorch_epoch.py [--epochs N] [--threads N] [--data DIR]
Data: the four Fashion-MNIST .gz files (default: Debian's /usr/share/datasets/fashion-mnist).
"""
import argparse
import gzip
import time

import numpy as np
import torch
from torch import nn


def read_idx(path, offset, shape):
    with gzip.open(path, "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset).reshape(shape)


def lenet5():
    model = nn.Sequential(
        nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(256, 120), nn.ReLU(),
        nn.Linear(120, 84), nn.ReLU(),
        nn.Linear(84, 10))
    for module in model:
        if isinstance(module, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(module.weight)
            nn.init.zeros_(module.bias)
    return model


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--threads", type=int, default=torch.get_num_threads())
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(42)

    images = read_idx(f"{args.data}/train-images-idx3-ubyte.gz", 16, (60000, 1, 28, 28))
    labels = read_idx(f"{args.data}/train-labels-idx1-ubyte.gz", 8, (60000,))
    x = torch.from_numpy(images.astype(np.float32) / 255)
    y = torch.from_numpy(labels.astype(np.int64))
    x_fit, y_fit, x_val, y_val = x[:54000], y[:54000], x[54000:], y[54000:]

    model = lenet5()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}")
    for epoch in range(1, args.epochs + 1):
        start = time.perf_counter()
        model.train()
        order = torch.randperm(54000)
        for i in range(0, 54000, 128):
            index = order[i:i + 128]
            optimizer.zero_grad()
            loss = loss_fn(model(x_fit[index]), y_fit[index])
            loss.backward()
            optimizer.step()
            loss.item()
        model.eval()
        with torch.no_grad():
            for i in range(0, 6000, 32):
                loss_fn(model(x_val[i:i + 32]), y_val[i:i + 32]).item()
        print(f"epoch {epoch}: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
