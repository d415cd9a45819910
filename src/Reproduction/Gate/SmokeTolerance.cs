namespace Repro.Reproduction.Gate;

/// <summary>
/// How far a smoke run's losses may move on another engine, relative to the baseline's.
///
/// Another engine (other vector width, FMA or not, another BLAS, another blocking) sums every
/// dot product in another order. For a K-term float32 sum each order errs by at most
/// γ_K·Σ|xᵢwᵢ|, γ_K = K·u/(1 − K·u), u = 2⁻²⁴ (Higham, Accuracy and Stability of Numerical
/// Algorithms, §3.1), so two engines differ by at most 2γ_K·Σ|xᵢwᵢ| in each unit. A forward and
/// backward pass chains a few such reductions (the weight layers, the batch-norm statistics, the
/// softmax's sum), each bounded by the model's longest one, K = its largest fan-in; relative to
/// the loss the perturbation of one pass is at most <see cref="Amplification"/>·2γ_K, where the
/// amplification A counts the reductions chained in one pass (the models here chain at most eight
/// weight layers, normalisations and softmax sums), each contributing at most one bound.
///
/// Over training steps the perturbations add: the loss of step s is computed after s − 1 updates,
/// and each update adds one pass's perturbation to the weights. Adam's step m/(√v + ε) is
/// invariant to the gradient's scale, so a relative error in the gradient moves the step by the
/// same relative amount and does not compound over the few steps of a smoke run (one epoch of
/// at most 48 rows: 1 to 48 steps). Hence step s may differ by s·A·2γ_K relative, and the
/// evaluation loss after S updates by (S + 1)·A·2γ_K.
///
/// Measured: over all 92 smoke runs, ATen's default kernels against AVX2 (same BLAS and oneDNN)
/// moved a loss by at most 0.39 × s·2γ_K (report 002's CNN, K = 2048, second step) and the
/// evaluation loss by at most 0.01 × (S + 1)·2γ_K, so A = 8 leaves a margin of 20 over the worst
/// case seen while staying far below the effect of a semantic change. On the baseline's own
/// platform none of this applies: the gate is exact.
/// </summary>
public static class SmokeTolerance
{
    private const double UnitRoundoff = 1.0 / (1 << 24);

    public const double Amplification = 8;

    /// <summary>The relative tolerance of a loss computed after <paramref name="updates"/> optimizer steps of a model whose longest dot product has <paramref name="fanIn"/> terms.</summary>
    public static double Relative(long fanIn, int updates)
    {
        var gamma = fanIn * UnitRoundoff / (1 - (fanIn * UnitRoundoff));
        return (updates + 1) * Amplification * 2 * gamma;
    }

    public const string Describe =
        "Smoke: the first seed's per-step training losses and its evaluation loss. On the platform recorded here (the engine but for Repro's own code) they must be reproduced bit for bit; " +
        "on another platform each may differ by (updates before it + 1) × A × 2γ_K relative, γ_K = K·u/(1 − K·u), u = 2^-24, K the model's largest fan-in, " +
        "A = 8 (float32 summation-order error, derived in src/Reproduction/Gate/SmokeTolerance.cs).";
}
