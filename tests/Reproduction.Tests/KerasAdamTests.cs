using Repro.Reproduction.Keras;
using Repro.Torch;
using Repro.Torch.Tests.Reference;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Tests;

public class KerasAdamTests
{
    /// <summary>
    /// Keras's Adam.update_step (keras/optimizers/adam.py):
    ///   alpha = lr * sqrt(1 - beta_2^t) / (1 - beta_1^t)
    ///   m += (g - m) * (1 - beta_1);  v += (g^2 - v) * (1 - beta_2)
    ///   p -= alpha * m / (sqrt(v) + epsilon),  epsilon = 1e-7
    /// Gradients of sum(c·p) are the constants c; the smallest is where ε's placement shows.
    /// </summary>
    [Test]
    public void Three_steps_follow_Keras_update_rule()
    {
        double[] start = [0.5, -1.0, 2.0];
        double[] c = [0.3, -2.0, 1e-6];
        const double lr = 1e-3, b1 = 0.9, b2 = 0.999, eps = 1e-7;

        var actual = KerasOptimizerHarness.Train(start, c, parameters => new KerasAdam(parameters, lr), steps: 3);

        var expected = start.Select((p0, i) =>
        {
            double m = 0, v = 0, p = p0;
            for (var t = 1; t <= 3; t++)
            {
                var alpha = lr * Math.Sqrt(1 - Math.Pow(b2, t)) / (1 - Math.Pow(b1, t));
                m += (c[i] - m) * (1 - b1);
                v += (c[i] * c[i] - v) * (1 - b2);
                p -= alpha * m / (Math.Sqrt(v) + eps);
            }
            return p;
        });
        Assert.That(actual, Is.EqualTo(expected.Select(v => (float)v)).Within(1e-7));
    }

    [Test]
    public void Epsilon_placement_differs_from_torch_Adam_for_small_gradients()
    {
        double[] start = [1.0];
        double[] c = [1e-6];
        var keras = KerasOptimizerHarness.Train(start, c, parameters => new KerasAdam(parameters, 1e-3), steps: 1);
        var pytorch = KerasOptimizerHarness.Train(start, c, parameters => new Adam(parameters, 1e-3, eps: 1e-7), steps: 1);
        // Keras: step 1 moves by lr·√0.001·g/(√0.001·g + ε) ≈ 2.4e-4; PyTorch: lr·g/(g + ε) ≈ 9.1e-4.
        Assert.That(1 - keras[0], Is.EqualTo(2.40e-4).Within(0.01e-4));
        Assert.That(1 - pytorch[0], Is.EqualTo(9.09e-4).Within(0.01e-4));
    }
}
