using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Tests;

/// <summary>
/// Runs an optimizer on L(p) = Σ c·p, whose gradient is the constant c, so each step's update can
/// be written by hand from Keras's published rule.
/// </summary>
internal static class KerasOptimizerHarness
{
    public static readonly double[] Start = [0.5, -1.0, 2.0];

    /// <summary>Gradients: a moderate, a large and a tiny one (where ε's placement shows).</summary>
    public static readonly double[] Gradients = [0.3, -2.0, 1e-6];

    public static float[] Train(Func<IEnumerable<nn.Parameter>, optim.Optimizer> create, int steps, Action<optim.Optimizer>? afterStep = null,
        Action<optim.Optimizer>? afterLastStep = null) =>
        Train(Start, Gradients, create, steps, afterStep, afterLastStep);

    public static float[] Train(double[] start, double[] c, Func<IEnumerable<nn.Parameter>, optim.Optimizer> create, int steps, Action<optim.Optimizer>? afterStep = null,
        Action<optim.Optimizer>? afterLastStep = null)
    {
        using var p = new nn.Parameter(tensor(start.Select(v => (float)v).ToArray()));
        using var coefficients = tensor(c.Select(v => (float)v).ToArray());
        using var optimizer = create([p]);
        for (var i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            (p * coefficients).sum().backward();
            optimizer.step();
            afterStep?.Invoke(optimizer);
        }
        afterLastStep?.Invoke(optimizer);
        return p.data<float>();
    }

    /// <summary>Runs a hand-written per-coordinate rule in double precision; every step is evaluated in order (ToArray), since LINQ may compute only the last.</summary>
    public static IEnumerable<float> Expected(Func<double, double, IEnumerable<double>> trajectory) =>
        Start.Select((p0, i) => (float)trajectory(p0, Gradients[i]).ToArray()[^1]);
}
