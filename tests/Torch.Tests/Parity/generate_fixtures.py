#!/usr/bin/python3
"""Writes the PyTorch parity fixtures that tests/Torch.Tests/Parity/*.cs replay through the binding.

Run with Debian's Python, whose torch is the same libtorch (1.13) the binding links:
    /usr/bin/python3 tests/Torch.Tests/Parity/generate_fixtures.py

Each fixture is one small JSON file: {"kind": ..., "config": {...}, "tensors": {name: {"shape", "data"}}}.
Values are float32 written as the shortest decimal that round-trips through float64, so the C# side
reads back exactly the float32 values PyTorch used and produced. Shapes are tiny to keep the folder small.

The committed files were written with the reference BLAS; to reproduce them bit for bit where OpenBLAS is
the system's libblas.so.3 (it sums Linear's products in another order), put the reference one first:
    LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/blas /usr/bin/python3 tests/Torch.Tests/Parity/generate_fixtures.py
"""
import json
import os
import shutil

import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
generator = torch.Generator().manual_seed(20240601)


def randn(*shape, scale=1.0):
    return torch.randn(*shape, generator=generator) * scale


def encode(t):
    t = t.detach()
    data = t.reshape(-1).tolist()
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""), "data": data}


def write(name, kind, config, tensors):
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump({"kind": kind, "config": config, "tensors": {k: encode(v) for k, v in tensors.items()}}, f,
                  separators=(",", ":"))


def leaf(t):
    return t.clone().requires_grad_(True)


def module_fixture(name, kind, config, module, x):
    """Forward x through module, backward with a random upstream gradient; records state before and after."""
    state = {k: v.clone() for k, v in module.state_dict().items() if k != "num_batches_tracked"}
    x = leaf(x)
    y = module(x)
    upstream = randn(*y.shape)
    y.backward(upstream)
    tensors = {"input": x, "output": y, "upstream": upstream, "input_grad": x.grad}
    tensors.update({"state." + k: v for k, v in state.items()})
    tensors.update({"grad." + k: p.grad for k, p in module.named_parameters()})
    tensors.update({"after." + k: b for k, b in module.named_buffers() if k != "num_batches_tracked"})
    write(name, kind, config, tensors)


def randomize(module):
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(randn(*p.shape, scale=0.5))
    return module


def layers():
    conv = [
        ("conv2d_valid", dict(in_channels=2, out_channels=3, kernel=3, stride=1, padding=0), (2, 2, 5, 5)),
        ("conv2d_padded_strided", dict(in_channels=2, out_channels=4, kernel=3, stride=2, padding=1), (2, 2, 6, 7)),
        ("conv2d_same_odd", dict(in_channels=2, out_channels=3, kernel=3, stride=1, padding="same"), (2, 2, 5, 6)),
        ("conv2d_same_even", dict(in_channels=1, out_channels=2, kernel=4, stride=1, padding="same"), (2, 1, 5, 5)),
    ]
    for name, c, shape in conv:
        m = randomize(torch.nn.Conv2d(c["in_channels"], c["out_channels"], c["kernel"], stride=c["stride"], padding=c["padding"]))
        module_fixture(name, "conv2d", c, m, randn(*shape))

    for name, c, shape in [("max_pool2d_odd", dict(kernel=2, stride=2), (2, 3, 7, 5)),
                           ("max_pool2d_k3_s2", dict(kernel=3, stride=2), (1, 2, 7, 7))]:
        module_fixture(name, "max_pool2d", c, torch.nn.MaxPool2d(c["kernel"], c["stride"]), randn(*shape))

    module_fixture("linear", "linear", dict(in_features=5, out_features=3), randomize(torch.nn.Linear(5, 3)), randn(4, 5))

    bn = [
        ("batch_norm2d_train", "2d", True, dict(features=3, eps=1e-5, momentum=0.1), (4, 3, 2, 3)),
        ("batch_norm2d_eval", "2d", False, dict(features=3, eps=1e-5, momentum=0.1), (4, 3, 2, 3)),
        ("batch_norm2d_train_momentum", "2d", True, dict(features=2, eps=1e-3, momentum=0.3), (3, 2, 3, 3)),
        ("batch_norm1d_train", "1d", True, dict(features=4, eps=1e-5, momentum=0.1), (6, 4)),
        ("batch_norm1d_train_3d", "1d", True, dict(features=3, eps=1e-5, momentum=0.1), (4, 3, 5)),
        ("batch_norm1d_eval", "1d", False, dict(features=4, eps=1e-5, momentum=0.1), (6, 4)),
    ]
    for name, dims, training, c, shape in bn:
        cls = torch.nn.BatchNorm2d if dims == "2d" else torch.nn.BatchNorm1d
        m = cls(c["features"], eps=c["eps"], momentum=c["momentum"])
        with torch.no_grad():
            m.weight.copy_(1 + randn(c["features"], scale=0.3))
            m.bias.copy_(randn(c["features"], scale=0.3))
            m.running_mean.copy_(randn(c["features"], scale=0.5))
            m.running_var.copy_(0.5 + torch.rand(c["features"], generator=generator))
        m.train(training)
        module_fixture(name, "batch_norm" + dims, dict(c, training=training), m, randn(*shape, scale=2.0) + 0.5)

    for name in ["relu", "tanh", "sigmoid", "softmax", "log_softmax"]:
        module = {"relu": torch.nn.ReLU(), "tanh": torch.nn.Tanh(), "sigmoid": torch.nn.Sigmoid(),
                  "softmax": torch.nn.Softmax(dim=1), "log_softmax": torch.nn.LogSoftmax(dim=1)}[name]
        module_fixture(name, "activation", dict(function=name, dim=1), module, randn(3, 4, scale=2.0))

    # Dropout draws its mask from the global generator; the C# test seeds libtorch's global generator the same way.
    for name, p, seed in [("dropout_p03", 0.3, 1234), ("dropout_p05", 0.5, 99)]:
        x = leaf(randn(4, 25))
        torch.manual_seed(seed)
        y = F.dropout(x, p, training=True)
        upstream = randn(*y.shape)
        y.backward(upstream)
        write(name, "dropout", dict(p=p, seed=seed), {"input": x, "output": y, "upstream": upstream, "input_grad": x.grad})


def losses():
    logits = randn(5, 4, scale=2.0)
    target = torch.tensor([0, 3, 1, 1, 2])
    log_probs = F.log_softmax(randn(5, 4, scale=2.0), dim=1)
    regression_target = randn(5, 4)
    kl_target = F.softmax(randn(5, 4, scale=2.0), dim=1)
    cases = [
        ("cross_entropy", logits, target, ["mean", "sum", "none"]),
        ("nll_loss", log_probs, target, ["mean", "sum", "none"]),
        ("mse_loss", logits, regression_target, ["mean", "sum", "none"]),
        ("kl_div", log_probs, kl_target, ["batchmean", "sum", "mean", "none"]),
    ]
    for loss, x, t, reductions in cases:
        for reduction in reductions:
            x_ = leaf(x)
            y = getattr(F, loss)(x_, t, reduction=reduction)
            upstream = randn(*y.shape) if y.dim() > 0 else torch.tensor(1.0)
            y.backward(upstream)
            write(f"{loss}_{reduction}", "loss", dict(loss=loss, reduction=reduction),
                  {"input": x_, "target": t, "output": y, "upstream": upstream, "input_grad": x_.grad})


def optimizers():
    """Three steps of each optimizer on a tiny Linear-Tanh-Linear model with an MSE loss.

    Records the parameters before the first step ("state."), the gradients each step was given ("grad{step}.")
    and the parameters after it ("step{step}."): the C# test replays each step from PyTorch's parameters and
    gradients, so it compares the update rule alone.
    """
    x, y = randn(5, 4), randn(5, 2)
    initial = torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.Tanh(), torch.nn.Linear(3, 2))
    randomize(initial)
    cases = [
        ("sgd_plain", "SGD", dict(lr=0.1), None),
        ("sgd_momentum_dampening_wd", "SGD", dict(lr=0.1, momentum=0.9, dampening=0.1, weight_decay=0.01), [0.1, 0.05, 0.02]),
        ("sgd_nesterov", "SGD", dict(lr=0.1, momentum=0.9, nesterov=True, weight_decay=1e-3), None),
        ("rmsprop_default", "RMSprop", dict(), None),
        ("rmsprop_centered_momentum_wd", "RMSprop", dict(lr=0.01, alpha=0.9, momentum=0.5, centered=True, weight_decay=0.01), None),
        ("adagrad_default", "Adagrad", dict(), None),
        ("adagrad_decay_wd_initial", "Adagrad", dict(lr=0.1, lr_decay=0.1, weight_decay=0.01, initial_accumulator_value=0.1), None),
        ("adadelta_default", "Adadelta", dict(), None),
        ("adadelta_rho_wd", "Adadelta", dict(lr=0.5, rho=0.8, weight_decay=0.01), [0.5, 0.5, 0.25]),
        ("adamax_default", "Adamax", dict(), None),
        ("adamax_wd", "Adamax", dict(lr=0.01, betas=(0.8, 0.99), weight_decay=0.01), None),
        ("nadam_default", "NAdam", dict(), None),
        ("nadam_wd_decay", "NAdam", dict(lr=0.01, betas=(0.8, 0.99), weight_decay=0.01, momentum_decay=0.01), None),
        ("adam_default", "Adam", dict(), None),
        ("adam_wd", "Adam", dict(lr=0.01, betas=(0.8, 0.99), weight_decay=0.01), [0.01, 0.02, 0.005]),
    ]
    for name, optimizer, kwargs, lrs in cases:
        model = torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.Tanh(), torch.nn.Linear(3, 2))
        model.load_state_dict(initial.state_dict())
        # foreach=False selects the single-tensor implementations the binding follows.
        opt = getattr(torch.optim, optimizer)(model.parameters(), foreach=False, **kwargs)
        tensors = {"state." + k: v.clone() for k, v in model.state_dict().items()}
        for step in range(3):
            if lrs is not None:
                opt.param_groups[0]["lr"] = lrs[step]
            opt.zero_grad()
            loss = F.mse_loss(model(x), y)
            loss.backward()
            tensors.update({f"grad{step}.{k}": p.grad.clone() for k, p in model.named_parameters()})
            opt.step()
            tensors.update({f"step{step}.{k}": v.clone() for k, v in model.state_dict().items()})
        config = dict(optimizer=optimizer, lrs=lrs, **{k: list(v) if isinstance(v, tuple) else v for k, v in kwargs.items()})
        write(name, "optimizer", config, tensors)


if __name__ == "__main__":
    torch.set_num_threads(1)
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    layers()
    losses()
    optimizers()
    total = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    print(f"torch {torch.__version__}: {len(os.listdir(OUT))} fixtures, {total / 1024:.0f} KiB in {OUT}")
