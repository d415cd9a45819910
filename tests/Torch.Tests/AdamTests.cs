using Repro.Torch.Tests.Reference;
using static Repro.Torch.torch;

namespace Repro.Torch.Tests;

public class AdamTests
{
    /// <summary>
    /// torch.optim.Adam's documented update (pytorch.org/docs/stable/generated/torch.optim.Adam.html):
    /// m = β1m + (1−β1)g; v = β2v + (1−β2)g²; p −= lr·m̂/(√v̂ + ε) with m̂ = m/(1−β1ᵗ), v̂ = v/(1−β2ᵗ).
    /// The gradient of sum(c·p) is the constant c, so every step sees the same g.
    /// </summary>
    [Test]
    public void Three_steps_follow_the_documented_update()
    {
        double[] start = [0.5, -1.0, 2.0];
        double[] c = [0.3, -2.0, 1e-3];
        const double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;

        using var p = new nn.Parameter(tensor(start.Select(v => (float)v).ToArray()));
        using var coefficients = tensor(c.Select(v => (float)v).ToArray());
        using var adam = new Adam([p], lr, b1, b2, eps);
        for (var step = 0; step < 3; step++)
        {
            using var scope = NewDisposeScope();
            adam.zero_grad();
            (p * coefficients).sum().backward();
            adam.step();
        }

        var expected = start.Select((p0, i) =>
        {
            double m = 0, v = 0, value = p0;
            for (var t = 1; t <= 3; t++)
            {
                m = b1 * m + (1 - b1) * c[i];
                v = b2 * v + (1 - b2) * c[i] * c[i];
                value -= lr * (m / (1 - Math.Pow(b1, t))) / (Math.Sqrt(v / (1 - Math.Pow(b2, t))) + eps);
            }
            return value;
        }).ToArray();
        Assert.That(p.data<float>(), Is.EqualTo(expected.Select(v => (float)v)).Within(1e-6));
    }
}
