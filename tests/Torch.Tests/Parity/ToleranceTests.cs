using static Repro.Torch.torch;

namespace Repro.Torch.Tests.Parity;

/// <summary>
/// The derived tolerances admit what other kernels legitimately compute, and still reject a computation that
/// is slightly wrong: they are not so wide that the parity tests could not fail.
/// </summary>
public class ToleranceTests
{
    /// <summary>
    /// Values an AMD EPYC (AVX2, no AVX-512) computed for two convolution outputs, which the former fixed
    /// tolerance 1e-6·|expected| + 1e-7 rejected: 19-term float32 sums summed in another order.
    /// </summary>
    [TestCase("conv2d_same_odd", 133, 0.039999172f, 0.03999889f)]
    [TestCase("conv2d_valid", 22, -0.01784482f, -0.017845035f)]
    public void The_conv2d_tolerance_admits_what_an_AVX2_EPYC_computed(string name, int element, float epyc, float pytorch)
    {
        var f = Fixture.Load(name);
        Assert.That(f.Floats("output")[element], Is.EqualTo(pytorch), "the fixture's value for this element");
        var tolerance = LayerTolerances.Multilinear(LayerParityTests.Conv2dFor(f), f)["output"];
        var delta = Math.Abs((double)epyc - pytorch);
        TestContext.Out.WriteLine($"{name} element {element}: |Δ| = {delta:G3}, {tolerance.Describe(element)}");
        Assert.That(delta, Is.LessThan(tolerance.At(element)));
    }

    [Test]
    public void A_conv2d_weight_changed_by_one_part_in_ten_thousand_fails()
    {
        var f = Fixture.Load("conv2d_same_odd");
        var create = LayerParityTests.Conv2dFor(f);
        var tolerance = LayerTolerances.Multilinear(create, f)["output"];
        Comparison Output(Dictionary<string, float[]> state)
        {
            using var scope = NewDisposeScope();
            return Parity.Compare(ModuleRun.Values(create, state, f.Tensor("input"), f.Tensor("upstream"))["output"], f.Floats("output"), tolerance);
        }
        var state = f.State("state");
        Assert.That(Output(state).Passed, "the unchanged weights pass");

        var weight = state["weight"];
        var largest = Array.IndexOf(weight, weight.MaxBy(w => Math.Abs(w)));
        weight[largest] *= 1 + 1e-4f;
        var changed = Output(state);
        TestContext.Out.WriteLine($"weight {largest} × (1 + 1e-4): worst |Δ|/tolerance {changed.Ratio:G3}; {changed.Report}");
        Assert.That(changed.Passed, Is.False);
    }

    [Test]
    public void An_SGD_learning_rate_changed_by_one_part_in_ten_thousand_fails()
    {
        var f = Fixture.Load("sgd_plain");
        Assert.That(OptimizerParityTests.Replay(f).All(s => Parity.Compare(s.Actual, s.Expected, s.Tolerance).Passed), "the unchanged learning rate passes");

        var worst = OptimizerParityTests.Replay(f, learningRateFactor: 1 + 1e-4)
            .Select(s => Parity.Compare(s.Actual, s.Expected, s.Tolerance))
            .MaxBy(c => c.Ratio)!;
        TestContext.Out.WriteLine($"lr × (1 + 1e-4): worst |Δ|/tolerance {worst.Ratio:G3}; {worst.Report}");
        Assert.That(worst.Passed, Is.False);
    }
}
