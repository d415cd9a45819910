namespace Repro.Torch.Tests.Parity;

/// <summary>
/// How far the binding's float32 result may lie from PyTorch's, element by element: 2·Σₜ γ(nₜ)·Mₜ over the
/// op's error terms, each n roundings acting on a magnitude M.
/// <para>
/// Why this form. Both sides run libtorch, but not necessarily the same kernel: the ATen CPU capability
/// (default, AVX2, AVX-512), oneDNN's instruction set and the BLAS library (reference, OpenBLAS) choose the
/// summation order, the vector width and whether a product and a sum are fused. In float32 with round to
/// nearest every +, −, ×, ÷ and √ (and a fused multiply-add, which rounds once) returns the exact result
/// times (1 + δ), |δ| ≤ u = 2⁻²⁴, the unit roundoff (half of machine epsilon 2⁻²³). A K-term dot product
/// Σ xᵢwᵢ evaluated in any order — serial, pairwise, split across SIMD lanes, BLAS tiles or threads — meets
/// at most K roundings on the path of each product, so |ŝ − s| ≤ γ_K·Σ|xᵢwᵢ| with γ_K = K·u/(1 − K·u)
/// (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., §3.1). That bounds each side's distance
/// from the exact value s; PyTorch's result and the binding's are two such computations of the same s, so
/// |actual − expected| ≤ 2·γ_K·Σ|xᵢwᵢ|: the 2. Ops built from several steps (a reduction, then elementwise
/// work on its result) add their steps' terms; each op's n and M are derived where its tolerance is built,
/// to first order in u (the neglected terms are O(n²u²), below 10⁻⁸ relative for every n used here). The
/// magnitudes M are sums of positive values (in double, or in float32 by replaying the op on absolute
/// values), so their own error is at most γ_K relative: nothing beside the bound they scale.
/// </para>
/// <para>
/// A transcendental function (exp, log, tanh) is not correctly rounded: Sleef's vectorised versions (AVX2,
/// AVX-512) promise ≤ 1 ulp and glibc's scalar ones (default capability) are listed within 2 ulps in its
/// accuracy tables; one ulp is at most 2u·|y|, so each counts as 4 roundings. A double scalar (a learning rate, a momentum) rounded to float32 is
/// rounded identically on both sides, so it is not counted.
/// </para>
/// <para>
/// There is no absolute floor. An op that only selects, masks or negates (max pooling, ReLU, dropout's one
/// product of the same two operands) has no term and tolerance 0; an element whose magnitude M is 0 (an input
/// no window selected, a gradient ReLU blocked) is an exact zero on both sides.
/// </para>
/// </summary>
internal sealed class Tolerance
{
    public const double UnitRoundoff = 1.0 / (1 << 24);

    private readonly ErrorTerm[] terms;

    private Tolerance(ErrorTerm[] terms) => this.terms = terms;

    /// <summary>For ops that only select, mask or negate: no rounding, so the results must be equal.</summary>
    public static Tolerance Exact { get; } = new([]);

    public static Tolerance Of(params ErrorTerm[] terms) => new(terms);

    /// <summary>γₙ = n·u/(1 − n·u): the relative error bound of n roundings.</summary>
    public static double Gamma(long roundings) => roundings <= 0 ? 0 : roundings * UnitRoundoff / (1 - roundings * UnitRoundoff);

    public double At(int element) => 2 * terms.Sum(t => Gamma(t.Roundings(element)) * t.Magnitude(element));

    public string Describe(int element) => terms.Length switch
    {
        0 => "tolerance 0 (an exact op)",
        1 => $"tolerance {At(element):G3} = 2·γₙ·M with {terms[0].Describe(element)}",
        _ => $"tolerance {At(element):G3} = 2·Σ γₙ·M over " + string.Join(" + ", terms.Select(t => $"({t.Describe(element)})")),
    };
}

/// <summary>
/// One source of rounding error: n = a·K + b roundings on magnitude M, where K is the length of the reduction
/// the element comes from (0 for purely elementwise work). K and M may vary by element (padding shortens a
/// convolution's sums at the border); a single value stands for every element.
/// </summary>
internal sealed class ErrorTerm
{
    private readonly string reduction;
    private readonly long[] length;
    private readonly long perTerm, extra;
    private readonly double[] magnitude;

    private ErrorTerm(string reduction, long[] length, long perTerm, long extra, double[] magnitude) =>
        (this.reduction, this.length, this.perTerm, this.extra, this.magnitude) = (reduction, length, perTerm, extra, magnitude);

    /// <summary>n = a·K + b roundings over a reduction of K terms (K per element, or one K for all).</summary>
    public static ErrorTerm Reduction(string whatKCounts, long[] k, long a, long b, double[] magnitude) =>
        new(whatKCounts, k, a, b, magnitude);

    public static ErrorTerm Reduction(string whatKCounts, long k, long a, long b, double[] magnitude) =>
        new(whatKCounts, [k], a, b, magnitude);

    /// <summary>n roundings with no reduction.</summary>
    public static ErrorTerm Elementwise(long roundings, double[] magnitude) => new("", [0], 0, roundings, magnitude);

    public long Roundings(int element) => perTerm * K(element) + extra;

    public double Magnitude(int element) => magnitude.Length == 1 ? magnitude[0] : magnitude[element];

    public string Describe(int element) => perTerm == 0
        ? $"n = {extra} roundings, M = {Magnitude(element):G4}"
        : $"n = {(perTerm == 1 ? "" : perTerm.ToString())}K{(extra == 0 ? "" : extra.ToString("+0;-0"))} = {Roundings(element)} roundings, " +
          $"K = {K(element)} ({reduction}), M = {Magnitude(element):G4}";

    private long K(int element) => length.Length == 1 ? length[0] : length[element];
}
