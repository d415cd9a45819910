using Repro.Experiments;
using Repro.Reproduction.Keras;
using static Repro.Reproduction.Tests.KerasOptimizerHarness;

namespace Repro.Reproduction.Tests;

/// <summary>keras.optimizers.schedules.ExponentialDecay: lr = initial·rate^(step/decay_steps), floored exponent when staircase.</summary>
public class KerasScheduleTests
{
    private static readonly ExponentialDecay Smooth = new(0.1, DecaySteps: 4, DecayRate: 0.5);
    private static readonly ExponentialDecay Staircase = Smooth with { Staircase = true };

    [TestCase(0, 0.1)]
    [TestCase(1, 0.1 * 0.840896415253715)] // 0.5^(1/4)
    [TestCase(4, 0.05)]
    [TestCase(6, 0.1 * 0.353553390593274)] // 0.5^(3/2)
    public void Smooth_decay_follows_the_formula(long step, double expected) =>
        Assert.That(KerasTraining.LearningRateAt(Smooth, step), Is.EqualTo(expected).Within(1e-12));

    [TestCase(0, 0.1)]
    [TestCase(3, 0.1)]
    [TestCase(4, 0.05)]
    [TestCase(7, 0.05)]
    [TestCase(8, 0.025)]
    public void Staircase_decay_floors_the_exponent(long step, double expected) =>
        Assert.That(KerasTraining.LearningRateAt(Staircase, step), Is.EqualTo(expected).Within(1e-12));

    /// <summary>Keras evaluates the schedule at iterations, the steps already taken: 0 for the first update.</summary>
    [Test]
    public void Each_step_uses_the_rate_at_the_step_count_before_it()
    {
        var rates = new List<double>();
        var actual = Train(p => new KerasSgd(p, 1.0) { Schedule = step => KerasTraining.LearningRateAt(Smooth, step) }, steps: 3,
            afterStep: o => rates.Add(o.LearningRate));
        double[] expectedRates = [0.1, 0.1 * Math.Pow(0.5, 0.25), 0.1 * Math.Pow(0.5, 0.5)];
        Assert.That(rates, Is.EqualTo(expectedRates).Within(1e-12));
        var expected = Expected((p, g) => expectedRates.Select(lr => p -= lr * g));
        Assert.That(actual, Is.EqualTo(expected).Within(2e-6));
    }
}
