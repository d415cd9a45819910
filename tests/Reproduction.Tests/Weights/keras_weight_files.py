#!/usr/bin/python3
"""Writes Keras-layout HDF5 weight files for Repro's weight-file tests, and runs PyTorch on them for the parity test.

Run with Debian's Python (python3-h5py, python3-torch):
    /usr/bin/python3 keras_weight_files.py small OUT.h5 [--variant NAME]
    /usr/bin/python3 keras_weight_files.py vgg16|resnet50 OUT.h5 [--seed N] [--variant wrong-shape]
    /usr/bin/python3 keras_weight_files.py forward small|vgg16|resnet50 FILE.h5 OUT_FOLDER [--seed N]

The layout is the one keras.engine.saving (Keras 2) writes with save_weights and the keras-applications
*_notop.h5 files use: a root attribute layer_names listing every layer, weightless ones included; per layer a
group whose attribute weight_names lists its weights in the layer's order (kernel, bias; gamma, beta,
moving_mean, moving_variance); each weight a float32 dataset under the group at that name, so a name with a '/'
(tf.keras's "conv1_conv/kernel:0") makes a nested group. Weightless layers get an empty weight_names, as
Keras's np.asarray([]) writes it. The VGG16 file uses the old Keras 1 weight names (block1_conv1_W_1:0), the
ResNet50 file tf.keras's (conv1_conv/kernel:0), as the published files do. Values are seeded random numbers:
He-uniform kernels (activations keep their scale through ReLU), small biases and β, moving statistics near 0 and 1.

forward: builds the network in PyTorch from the file's weights, looked up by name, runs a seeded input batch (NCHW)
through it step by step (a convolution with its batch normalisation and ReLU, a pooling) and writes each step's input and
output with the magnitude of every output element: the step run in float64 on |x| with every weight replaced by
its absolute value (a batch norm by |scale|·|x| + |scale·mean| + |β|), which bounds how far a rounding inside the
step can move that output (see WeightFileParityTests). Step by step, because over the whole network such a bound
compounds far past the outputs themselves.
"""
import argparse
import json
import os

import h5py
import numpy as np

VGG16_BLOCKS = [(64, 2), (128, 2), (256, 3), (512, 3), (512, 3)]
RESNET50_STACKS = [("conv2", 64, 3, 1), ("conv3", 128, 4, 2), ("conv4", 256, 6, 2), ("conv5", 512, 3, 2)]


class Layers:
    """The layers of one model in Keras order: (name, [(weight name, array)])."""

    def __init__(self, seed):
        self.rng = np.random.default_rng(seed)
        self.layers = []

    def weightless(self, name):
        self.layers.append((name, []))

    def conv(self, name, kernel, cin, cout, names):
        bound = np.sqrt(6.0 / (kernel * kernel * cin))
        k = self.rng.uniform(-bound, bound, (kernel, kernel, cin, cout)).astype(np.float32)
        b = self.rng.uniform(-0.05, 0.05, cout).astype(np.float32)
        self.layers.append((name, list(zip(names, [k, b]))))

    def bn(self, name, channels, names):
        gamma = self.rng.uniform(0.5, 1.5, channels).astype(np.float32)
        beta = self.rng.uniform(-0.1, 0.1, channels).astype(np.float32)
        mean = self.rng.uniform(-0.1, 0.1, channels).astype(np.float32)
        var = self.rng.uniform(0.5, 1.5, channels).astype(np.float32)
        self.layers.append((name, list(zip(names, [gamma, beta, mean, var]))))


def tf_names(layer, *weights):
    return [f"{layer}/{w}:0" for w in weights]


def vgg16(seed):
    m = Layers(seed)
    m.weightless("input_1")
    cin = 3
    for block, (filters, convs) in enumerate(VGG16_BLOCKS, start=1):
        for i in range(1, convs + 1):
            name = f"block{block}_conv{i}"
            m.conv(name, 3, cin, filters, [f"{name}_W_1:0", f"{name}_b_1:0"])
            cin = filters
        m.weightless(f"block{block}_pool")
    return m.layers


def resnet50(seed):
    m = Layers(seed)
    conv = lambda name, k, cin, cout: m.conv(name, k, cin, cout, tf_names(name, "kernel", "bias"))
    bn = lambda name, c: m.bn(name, c, tf_names(name, "gamma", "beta", "moving_mean", "moving_variance"))
    for name in ["input_1", "conv1_pad"]:
        m.weightless(name)
    conv("conv1_conv", 7, 3, 64)
    bn("conv1_bn", 64)
    for name in ["conv1_relu", "pool1_pad", "pool1_pool"]:
        m.weightless(name)
    cin = 64
    for stack, filters, blocks, _ in RESNET50_STACKS:
        for b in range(1, blocks + 1):
            p = f"{stack}_block{b}"
            # keras/applications/resnet.py block1 creates the projection shortcut first.
            if b == 1:
                conv(p + "_0_conv", 1, cin, 4 * filters)
                bn(p + "_0_bn", 4 * filters)
            conv(p + "_1_conv", 1, cin, filters)
            bn(p + "_1_bn", filters)
            m.weightless(p + "_1_relu")
            conv(p + "_2_conv", 3, filters, filters)
            bn(p + "_2_bn", filters)
            m.weightless(p + "_2_relu")
            conv(p + "_3_conv", 1, filters, 4 * filters)
            bn(p + "_3_bn", 4 * filters)
            m.weightless(p + "_add")
            m.weightless(p + "_out")
            cin = 4 * filters
    return m.layers


def small(seed):
    """Conv2D(4, 3, same) → BatchNormalization → relu → max-pool 2 → Conv2D(6, 3, same) → BatchNormalization, on 3×8×8.

    Named as Repro names a plain model's layers: convolutions as keras.applications' VGG names them (block b after
    b − 1 poolings), batch normalisations with Keras's default names."""
    m = Layers(seed)
    m.weightless("input_1")
    m.conv("block1_conv1", 3, 3, 4, tf_names("block1_conv1", "kernel", "bias"))
    m.bn("batch_normalization", 4, tf_names("batch_normalization", "gamma", "beta", "moving_mean", "moving_variance"))
    m.weightless("activation")
    m.weightless("block1_pool")
    m.conv("block2_conv1", 3, 4, 6, tf_names("block2_conv1", "kernel", "bias"))
    m.bn("batch_normalization_1", 6, tf_names("batch_normalization_1", "gamma", "beta", "moving_mean", "moving_variance"))
    return m.layers


def apply_variant(layers, variant):
    """Breaks a file in one way, for the refusal tests (wrong-shape also for vgg16, in block3_conv2)."""
    named = dict(layers)
    if variant != "none" and "block3_conv2" not in named and "block2_conv1" not in named:
        raise SystemExit(f"variant {variant} is made for the small model and vgg16 only")
    if variant == "wrong-shape" and "block3_conv2" in named:
        names = named["block3_conv2"]
        named["block3_conv2"] = [(names[0][0], np.zeros((3, 3, 128, 256), np.float32)), names[1]]
    elif variant == "wrong-shape":
        names = named["block2_conv1"]
        named["block2_conv1"] = [(names[0][0], np.zeros((3, 3, 5, 6), np.float32)), names[1]]
    elif variant == "wrong-dtype":
        names = named["batch_normalization"]
        named["batch_normalization"] = [(n, v.astype(np.float64) if i == 3 else v) for i, (n, v) in enumerate(names)]
    elif variant == "missing-layer":
        del named["block2_conv1"]
    elif variant == "extra-layer":
        named["block3_conv1"] = named["block2_conv1"]
    elif variant == "wrong-weight-name":
        names = named["batch_normalization_1"]
        named["batch_normalization_1"] = [(n.replace("moving_mean", "moving_average"), v) for n, v in names]
    elif variant == "missing-weight":
        named["block1_conv1"] = named["block1_conv1"][:1]
    elif variant != "none":
        raise SystemExit(f"unknown variant {variant}")
    order = [n for n, _ in layers if n in named] + [n for n in named if n not in dict(layers)]
    return [(n, named[n]) for n in order]


def write(layers, path):
    with h5py.File(path, "w") as f:
        f.attrs["layer_names"] = np.array([n.encode("utf8") for n, _ in layers])
        f.attrs["backend"] = b"tensorflow"
        f.attrs["keras_version"] = b"2.1.5"
        for name, weights in layers:
            g = f.create_group(name)
            g.attrs["weight_names"] = np.array([w.encode("utf8") for w, _ in weights]) if weights else np.asarray([])
            for w, value in weights:
                g.create_dataset(w, data=value)


def read(path):
    """name → list of arrays in weight_names order, looked up by name as Repro does."""
    with h5py.File(path, "r") as f:
        return {n.decode(): [np.array(f[n.decode()][w.decode()]) for w in f[n.decode()].attrs["weight_names"]]
                for n in f.attrs["layer_names"]}


class Net:
    """The network's steps from the file's weights, by name, each a function of its input. With magnitude=True a
    step runs in float64 on |x| with every weight by its absolute value: a bound on what a rounding inside the step
    can move an output element (see WeightFileParityTests)."""

    def __init__(self, weights, magnitude):
        self.w = weights
        self.magnitude = magnitude
        self.dtype = torch.float64 if magnitude else torch.float32

    def t(self, a):
        t = torch.from_numpy(a).to(self.dtype)
        return t.abs() if self.magnitude else t

    def conv(self, x, name, stride=1, pad=0):
        kernel, bias = self.w[name]
        return F.conv2d(x, self.t(kernel).permute(3, 2, 0, 1).contiguous(), self.t(bias), stride, pad)

    def bn(self, x, name, epsilon):
        gamma, beta, mean, var = [torch.from_numpy(a).to(self.dtype) for a in self.w[name]]
        if self.magnitude:
            scale = (gamma / torch.sqrt(var + epsilon)).abs()
            return x * scale[:, None, None] + ((mean * scale).abs() + beta.abs())[:, None, None]
        return F.batch_norm(x, mean, var, gamma, beta, training=False, eps=epsilon)

    def relu(self, x):
        return x if self.magnitude else F.relu(x)


# Roundings on the path of one output element: a convolution's K = kh·kw·Cin products and sums plus its bias,
# a batch normalisation's (inference: (x − mean)·γ/√(var + ε) + β) 8, a residual addition 1. ReLU and max pooling
# only select.
def conv_roundings(weights, name):
    kh, kw, cin, _ = weights[name][0].shape
    return kh * kw * cin + 1


BN_ROUNDINGS = 8


def steps(model, weights):
    """[(name, roundings, input, function(net, x))] in order, each step one of Repro's modules or a convolution
    with its batch normalisation and ReLU. input names the step whose output it takes (None: the one before);
    "@name" the output of ResNet block name, a step of no roundings that is only fed on, never compared."""
    c = lambda name: conv_roundings(weights, name)
    if model == "small":
        return [("model", c("block1_conv1") + c("block2_conv1") + 2 * BN_ROUNDINGS, None,
                 lambda n, x: n.bn(n.conv(F.max_pool2d(n.relu(n.bn(n.conv(x, "block1_conv1", pad=1), "batch_normalization", 1e-3)), 2),
                                          "block2_conv1", pad=1), "batch_normalization_1", 1e-3))]
    if model == "vgg16":
        result = []
        for block, (_, convs) in enumerate(VGG16_BLOCKS, start=1):
            for i in range(1, convs + 1):
                name = f"block{block}_conv{i}"
                result.append((name, c(name), None, lambda n, x, name=name: n.relu(n.conv(x, name, pad=1))))
            result.append((f"block{block}_pool", 0, None, lambda n, x: F.max_pool2d(x, 2)))
        return result
    eps = 1.001e-5
    result = [("conv1", c("conv1_conv") + BN_ROUNDINGS, None, lambda n, x: n.relu(n.bn(n.conv(F.pad(x, (3, 3, 3, 3)), "conv1_conv", stride=2), "conv1_bn", eps))),
              ("pool1", 0, None, lambda n, x: F.max_pool2d(F.pad(x, (1, 1, 1, 1)), 3, 2))]
    block_input = "pool1"
    for stack, _, blocks, stride in RESNET50_STACKS:
        for b in range(1, blocks + 1):
            p = f"{stack}_block{b}"
            s = stride if b == 1 else 1
            unit = lambda name, relu, stride=1, pad=0: (
                lambda n, x: (n.relu if relu else (lambda y: y))(n.bn(n.conv(x, name + "_conv", stride=stride, pad=pad), name + "_bn", eps)))
            result.append((p + "_1", c(p + "_1_conv") + BN_ROUNDINGS, block_input, unit(p + "_1", True, stride=s)))
            result.append((p + "_2", c(p + "_2_conv") + BN_ROUNDINGS, None, unit(p + "_2", True, pad=1)))
            result.append((p + "_3", c(p + "_3_conv") + BN_ROUNDINGS, None, unit(p + "_3", False)))
            if b == 1:
                result.append((p + "_0", c(p + "_0_conv") + BN_ROUNDINGS, block_input, unit(p + "_0", False, stride=s)))
                shortcut = p + "_0"
            else:
                shortcut = block_input
            result.append(("@" + p, 0, None, lambda n, x, shortcut=shortcut, main=p + "_3": (shortcut, main)))
            block_input = "@" + p
    return result


INPUTS = {"small": (2, 3, 8, 8), "vgg16": (1, 3, 32, 32), "resnet50": (2, 3, 32, 32)}


def forward(model, path, out, seed):
    """Writes OUT/steps.json and, per compared step, its input, PyTorch's output (float32) and the magnitude
    (float64) as raw little-endian files: each step is fed PyTorch's output of the step it names."""
    global torch, F
    import torch
    import torch.nn.functional as F
    weights = read(path)
    x = torch.from_numpy(np.random.default_rng(seed).uniform(0, 1, INPUTS[model]).astype(np.float32))
    os.makedirs(out, exist_ok=True)
    outputs, index = {}, []
    with torch.no_grad():
        for name, roundings, source, step in steps(model, weights):
            if source is not None:
                x = outputs[source]
            if name.startswith("@"):
                shortcut, main = step(None, None)
                x = outputs[name] = F.relu(outputs[shortcut] + outputs[main])
                continue
            y = step(Net(weights, False), x)
            m = step(Net(weights, True), x.to(torch.float64).abs())
            i = len(index)
            for suffix, t, dtype in [("input", x, "<f4"), ("output", y, "<f4"), ("magnitude", m, "<f8")]:
                t.numpy().astype(dtype).tofile(os.path.join(out, f"{i:03d}.{suffix}"))
            index.append({"name": name, "roundings": roundings, "input": list(x.shape), "output": list(y.shape)})
            x = outputs[name] = y
    with open(os.path.join(out, "steps.json"), "w") as f:
        json.dump(index, f, indent=1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["small", "vgg16", "resnet50", "forward"])
    parser.add_argument("args", nargs="+")
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument("--variant", default="none")
    a = parser.parse_args()
    if a.command == "forward":
        forward(a.args[0], a.args[1], a.args[2], a.seed)
    else:
        layers = {"small": small, "vgg16": vgg16, "resnet50": resnet50}[a.command](a.seed)
        write(apply_variant(layers, a.variant), a.args[0])


if __name__ == "__main__":
    main()
