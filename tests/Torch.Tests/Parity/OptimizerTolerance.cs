namespace Repro.Torch.Tests.Parity;

/// <summary>
/// An optimizer step is elementwise: p ← p − Δ, with Δ built from the gradient g' = g + λp (λ the weight
/// decay) and per-parameter state that the previous steps updated (momentum buffers, moment estimates,
/// accumulators). Both sides start each step from PyTorch's parameters and gradients, so the differences
/// come from roundings only: at most 2 on |p_new| (the additions into p; NAdam makes two), and those that
/// reach Δ.
/// <para>
/// Why n = 13·(k + 1) + 9 on U for step k = 0, 1, 2. The states are linear recurrences with coefficients in
/// [0, 1] (s ← β·s + (1 − β)·h(g')), so after k + 1 steps a state's error is at most the roundings per step
/// times k + 1, relative to the same recurrence run on |h(g')|. Running the binding's own optimizer on |g'|
/// (weight decay folded into g' beforehand, from zero parameters) yields exactly that magnitude for the
/// whole update, U = |Δ| with every numerator term taken positive (the squared-gradient denominators are
/// the same as the real ones). Per step and per side, the roundings on U, counted as a·(k + 1) + b:
/// SGD (5, 3): g' 2, buffer μ·b + (1 − τ)·g' 3 per step; Nesterov's g' + μ·b 2 and lr 1 once.
/// Adam (9, 5): m 2 + 3 per step; v 8 per step, halved by the square root; √, ÷√(1 − β₂ᵗ), + ε, ÷ and · once.
/// NAdam (9, 9): Adam's, with the second, g'-driven term's 4 and g' 2.
/// Adamax (8, 2): m 5 per step, the infinity norm's β₂·u or |g'| + ε 3 per step; ÷ and · once.
/// Adagrad (3, 6): the sum of g'² 6 per step, halved; √, + ε, ÷, · and g' 2 once.
/// RMSprop (12, 6), centred with momentum: v − m² loses up to κ = (v + m²)/(v − m²) ≤ 1.75 at α = 0.9 for three
/// steps, so 1.75·10/2 per step under the root, the buffer's 3 per step; + ε, ÷, g' 2 and lr·b 2 once.
/// Adadelta (13, 0): δ = √(u + ε)/√(v + ε)·g' feeds its own relative error back through u ← ρu + (1 − ρ)δ²,
/// where the square root halves it again: the error grows by about 13 per step, from 11 at step 1.
/// 13·(k + 1) + 9 is at least every row for k ≥ 0. This assumes λp does not cancel g (λ ≤ 0.01 here, and a
/// cancelled g' would make even the exact first Adam step, ±lr, ill-conditioned).
/// </para>
/// </summary>
internal static class OptimizerTolerance
{
    public const long RoundingsPerStep = 13, RoundingsOnce = 9, AdditionsIntoParameter = 2;

    /// <param name="step">0 for the first step.</param>
    /// <param name="expected">PyTorch's parameter after the step.</param>
    /// <param name="updateMagnitude">U: the binding's optimizer's step from 0 on |g + λp|.</param>
    public static Tolerance After(int step, float[] expected, float[] updateMagnitude) => Tolerance.Of(
        ErrorTerm.Elementwise(AdditionsIntoParameter, expected.Select(v => Math.Abs((double)v)).ToArray()),
        ErrorTerm.Reduction("steps so far", step + 1, RoundingsPerStep, RoundingsOnce, updateMagnitude.Select(v => Math.Abs((double)v)).ToArray()));

    /// <summary>|g + λp| per element, the gradient whose step from 0 is the update's magnitude U.</summary>
    public static Dictionary<string, float[]> GradientMagnitudes(Dictionary<string, float[]> gradients, Dictionary<string, float[]> parameters, double weightDecay) =>
        gradients.ToDictionary(g => g.Key, g => g.Value.Select((v, i) => (float)Math.Abs(v + weightDecay * parameters[g.Key][i])).ToArray());
}
