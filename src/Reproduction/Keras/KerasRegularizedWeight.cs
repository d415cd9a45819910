using Repro.Experiments;
using Repro.Torch;

namespace Repro.Reproduction.Keras;

/// <summary>A kernel or bias with its kernel_regularizer / bias_regularizer.</summary>
public sealed record KerasRegularizedWeight(torch.nn.Parameter Weight, Regularizer Regularizer);
