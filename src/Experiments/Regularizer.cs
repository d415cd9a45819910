namespace Repro.Experiments;

/// <summary>
/// A Keras weight or activity regulariser (keras/regularizers.py, L1L2): it adds
/// l1·Σ|x| + l2·Σx² to the loss; L2 has no ½. Build one with <see cref="Regularizers"/>.
/// </summary>
public sealed record Regularizer(double L1, double L2);
