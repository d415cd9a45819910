using Repro.Torch.Tests.Parity;
using Repro.Torch.Tests.Reference;
using static Repro.Torch.torch;

namespace Repro.Torch.Tests;

/// <summary>
/// The fused CPU kernels (native/fused_ops.cpp) against libtorch's composite path for the same function,
/// which the binding takes for float64 inputs: the float32 kernel's result is compared with the float64
/// one. Max pooling only selects, so it must agree exactly; the others within 2·γₙ·M, n roundings on a
/// magnitude M derived per output (see <see cref="Tolerance"/>; the float64 reference's own error is
/// below 10⁻⁹ of these bounds).
/// </summary>
public class FusedOpsTests
{
    private static float[] Random(int seed, int count, Func<Random, float> draw)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => draw(random)).ToArray();
    }

    private static Tensor AsDouble(Tensor t) => t.to_type(ScalarType.Float64);

    private static void AssertWithin(double[] actual, double[] expected, double[] bounds, string what)
    {
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.That(Math.Abs(actual[i] - expected[i]), Is.LessThanOrEqualTo(bounds[i]),
                $"{what}[{i}]: {actual[i]:R} against {expected[i]:R}, bound {bounds[i]:G3}");
        }
    }

    private static double[] Doubles(Tensor t) => t.to_type(ScalarType.Float64).contiguous().flatten().data<double>();

    [TestCase(2, 2)]
    [TestCase(3, 2)]
    [TestCase(3, 1)]
    public void Max_pooling_selects_and_routes_gradients_as_libtorch_does(int kernel, int stride)
    {
        using var scope = NewDisposeScope();
        // Small integers give many ties (the first maximum in row-major order wins); a NaN and −∞ test the ordering rule.
        var values = Random(kernel * 10 + stride, 2 * 3 * 9 * 11, r => r.Next(0, 3));
        values[5] = float.NaN;
        values[40] = float.NegativeInfinity;
        values[41] = float.NaN;
        var input = tensor(values, 2, 3, 9, 11);
        input.requires_grad = true;
        var reference = AsDouble(input.detach());
        reference.requires_grad = true;

        var pooled = nn.functional.max_pool2d(input, kernel, stride);
        var expected = nn.functional.max_pool2d(reference, kernel, stride);
        // Integer upstream gradients keep the overlapping windows' sums exact in both precisions.
        var upstream = tensor(Random(7, (int)pooled.numel(), r => r.Next(-4, 5)), pooled.shape);
        (pooled * upstream).sum().backward();
        (expected * AsDouble(upstream)).sum().backward();

        Assert.That(Doubles(pooled), Is.EqualTo(Doubles(expected)));
        Assert.That(Doubles(input.grad!), Is.EqualTo(Doubles(reference.grad!)));
    }

    /// <summary>
    /// Training-mode normalisation with moving averages, on an (N=4, C=3, 5, 6) map (K = 120 values per
    /// channel). The bounds are those of libtorch's own batch_norm derived in BatchNormTolerances: output
    /// n = 2K + 11 on |γ|·X + |β|, input gradient n = 5K + 24 on |γ|·s·(|g| + mean|g| + X·mean(X|g|)),
    /// dγ n = 3K + 7 on Σ X|g|, dβ n = K on Σ|g|; the moving statistics add momentum's roundings to a
    /// K-term mean: n = K + 3 on m·|r| + (1 − m)·mean|x|, and K + 6 on m·r + (1 − m)·var.
    /// </summary>
    [Test]
    public void Batch_norm_with_moving_averages_matches_the_composite_path()
    {
        const double momentum = 0.99, eps = 1e-3;
        using var scope = NewDisposeScope();
        var input = tensor(Random(1, 4 * 3 * 5 * 6, r => (float)(r.NextDouble() * 4 - 1)), 4, 3, 5, 6);
        var upstream = tensor(Random(2, 4 * 3 * 5 * 6, r => (float)(r.NextDouble() * 2 - 1)), 4, 3, 5, 6);
        var gammaValues = new[] { 1.5f, -0.5f, 0.25f };
        var betaValues = new[] { 0.1f, 0.0f, -2f };
        var movingMeanValues = new[] { 0.5f, -0.25f, 0f };
        var movingVarianceValues = new[] { 1f, 2f, 0.5f };

        (double[] Output, double[] InputGrad, double[] GammaGrad, double[] BetaGrad, double[] Mean, double[] Variance) Run(ScalarType dtype)
        {
            Tensor Leaf(float[] values, params long[] shape)
            {
                var t = tensor(values, shape).to_type(dtype);
                t.requires_grad = true;
                return t;
            }
            var x = Leaf(input.data<float>(), input.shape);
            var gamma = Leaf(gammaValues, 3);
            var beta = Leaf(betaValues, 3);
            var movingMean = tensor(movingMeanValues, 3).to_type(dtype);
            var movingVariance = tensor(movingVarianceValues, 3).to_type(dtype);
            var y = nn.functional.batch_norm_moving_average(x, gamma, beta, movingMean, movingVariance, momentum, eps);
            (y * upstream.to_type(dtype)).sum().backward();
            return (Doubles(y), Doubles(x.grad!), Doubles(gamma.grad!), Doubles(beta.grad!), Doubles(movingMean), Doubles(movingVariance));
        }

        var fused = Run(ScalarType.Float32);
        var composite = Run(ScalarType.Float64);

        const long k = 4 * 5 * 6;
        long[] reduced = [0, 2, 3];
        var x = AsDouble(input);
        var g = AsDouble(upstream).abs();
        var shape = new long[] { 1, 3, 1, 1 };
        var gamma = tensor(gammaValues.Select(v => (double)v).ToArray(), shape).abs();
        var beta = tensor(betaValues.Select(v => (double)v).ToArray(), shape).abs();
        var a = x.abs().mean(reduced, keepdim: true);
        var variance = (x - x.mean(reduced, keepdim: true)).square().mean(reduced, keepdim: true);
        var s = (variance + eps).pow(-0.5);
        var xhat = s * (x.abs() + a);
        var q = (xhat * g).mean(reduced, keepdim: true);
        double[] Bound(long roundings, Tensor magnitude) => Doubles(magnitude).Select(m => 2 * Tolerance.Gamma(roundings) * m).ToArray();

        AssertWithin(fused.Output, composite.Output, Bound(2 * k + 11, gamma * xhat + beta), "output");
        AssertWithin(fused.InputGrad, composite.InputGrad, Bound(5 * k + 24, gamma * s * (g + g.mean(reduced, keepdim: true) + xhat * q)), "input gradient");
        AssertWithin(fused.GammaGrad, composite.GammaGrad, Bound(3 * k + 7, (xhat * g).sum(reduced)), "γ gradient");
        AssertWithin(fused.BetaGrad, composite.BetaGrad, Bound(k, g.sum(reduced)), "β gradient");
        var oldMean = tensor(movingMeanValues.Select(v => (double)v).ToArray()).abs();
        var oldVariance = tensor(movingVarianceValues.Select(v => (double)v).ToArray());
        AssertWithin(fused.Mean, composite.Mean, Bound(k + 3, oldMean * momentum + a.flatten() * (1 - momentum)), "moving mean");
        AssertWithin(fused.Variance, composite.Variance, Bound(k + 6, oldVariance * momentum + variance.flatten() * (1 - momentum)), "moving variance");
        // The moving variance is fed the biased variance: channel 0's expected value from the float64 moments.
        Assert.That(composite.Variance[0], Is.EqualTo(0.99 * 1 + 0.01 * Doubles(variance)[0]).Within(1e-12));
    }

    /// <summary>
    /// l1·Σ|x| + l2·Σx² over K values: each term meets at most K + 1 roundings (the product, the sum)
    /// and the final scaling and addition 2 more: n = K + 3 on l1·Σ|x| + l2·Σx². The gradient
    /// g·(l1·sign x + 2·l2·x) has 4 roundings on |g|·(l1 + 2·l2·|x|).
    /// </summary>
    [Test]
    public void L1_l2_penalty_and_its_gradient_match_the_composite_path()
    {
        const double l1 = 1e-5, l2 = 1e-4;
        using var scope = NewDisposeScope();
        var values = Random(3, 5000, r => (float)(r.NextDouble() * 6 - 3));
        values[10] = 0;

        (double Value, double[] Grad) Run(ScalarType dtype)
        {
            var x = tensor(values, 50, 100).to_type(dtype);
            x.requires_grad = true;
            var penalty = nn.functional.l1_l2_penalty(x, l1, l2);
            (penalty * 3).backward();
            return (penalty.ToDouble(), Doubles(x.grad!));
        }

        var fused = Run(ScalarType.Float32);
        var composite = Run(ScalarType.Float64);
        var absolute = values.Sum(v => (double)Math.Abs(v));
        var squares = values.Sum(v => (double)v * v);
        Assert.That(Math.Abs(fused.Value - composite.Value), Is.LessThanOrEqualTo(2 * Tolerance.Gamma(5000 + 3) * (l1 * absolute + l2 * squares)));
        AssertWithin(fused.Grad, composite.Grad, values.Select(v => 2 * Tolerance.Gamma(4) * 3 * (l1 + 2 * l2 * Math.Abs(v))).ToArray(), "gradient");
        Assert.That(fused.Grad[10], Is.EqualTo(0.0), "sign(0) = 0: a zero weight gets only the L2 term, which is 0");
    }

    [Test]
    public void A_zero_factor_leaves_its_term_out_even_for_infinite_values()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 1f, float.PositiveInfinity, -2f });
        x.requires_grad = true;
        var penalty = nn.functional.l1_l2_penalty(x, 0, 0);
        penalty.backward();
        Assert.That(penalty.ToDouble(), Is.EqualTo(0.0));
        Assert.That(x.grad!.data<float>(), Is.EqualTo(new[] { 0f, 0f, 0f }));
    }

    /// <summary>
    /// Three Adam steps (ε added to √v) over two parameters. Per step the update u = α·m/(√v + ε) carries
    /// m's 3 roundings, v's 4, √ and + ε 2, the product and quotient 2: 11 on |u|, and the subtraction
    /// one more on |p|. The errors carried in m and v from earlier steps are of the same relative size
    /// per step, so three steps stay within n = 33 on Σ|u| plus 3 on |p|. Σ|u| comes from replaying
    /// the steps in double.
    /// </summary>
    [Test]
    public void Adam_epsilon_hat_matches_the_composite_path()
    {
        const double lr = 1e-2, beta1 = 0.9, beta2 = 0.999, eps = 1e-7;
        const int steps = 3;
        using var scope = NewDisposeScope();
        var starts = new[] { Random(4, 600, r => (float)(r.NextDouble() * 2 - 1)), Random(5, 7, r => (float)r.NextDouble()) };
        var coefficients = new[] { Random(6, 600, r => (float)(r.NextDouble() * 4 - 2)), Random(8, 7, r => (float)(r.NextDouble() - 0.5)) };
        // The loss ½Σc₀p₀² + Σc₁p₁: gradients c₀·p₀ (changing with p₀) and c₁.
        double Gradient(int parameter, int i, double value) => parameter == 0 ? coefficients[0][i] * value : coefficients[1][i];

        double[][] Run(ScalarType dtype)
        {
            var parameters = starts.Select(s => { var p = tensor(s).to_type(dtype); p.requires_grad = true; return p; }).ToArray();
            var m = parameters.Select(zeros_like).ToArray();
            var v = parameters.Select(zeros_like).ToArray();
            var c = coefficients.Select(cs => tensor(cs).to_type(dtype)).ToArray();
            for (var step = 1; step <= steps; step++)
            {
                foreach (var p in parameters) p.clear_grad();
                ((parameters[0] * parameters[0] * c[0]).sum() * 0.5 + (parameters[1] * c[1]).sum()).backward();
                optim.adam_epsilon_hat_(parameters, m, v, lr, beta1, beta2, eps, step);
            }
            return parameters.Select(Doubles).ToArray();
        }

        var fused = Run(ScalarType.Float32);
        var composite = Run(ScalarType.Float64);
        for (var k = 0; k < starts.Length; k++)
        {
            var bounds = starts[k].Select((start, i) =>
            {
                double p = start, m = 0, v = 0, updates = 0;
                for (var t = 1; t <= steps; t++)
                {
                    var g = Gradient(k, i, p);
                    m = beta1 * m + (1 - beta1) * g;
                    v = beta2 * v + (1 - beta2) * g * g;
                    var update = lr * Math.Sqrt(1 - Math.Pow(beta2, t)) / (1 - Math.Pow(beta1, t)) * m / (Math.Sqrt(v) + eps);
                    updates += Math.Abs(update);
                    p -= update;
                }
                return 2 * (Tolerance.Gamma(33) * updates + Tolerance.Gamma(3) * (Math.Abs(p) + Math.Abs(start)));
            }).ToArray();
            AssertWithin(fused[k], composite[k], bounds, $"parameter {k}");
            Assert.That(fused[k], Is.Not.EqualTo(starts[k].Select(s => (double)s)), "the parameters moved");
        }
    }
}
