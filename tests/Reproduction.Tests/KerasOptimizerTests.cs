using Repro.Experiments;
using Repro.Reproduction.Keras;
using static Repro.Reproduction.Tests.KerasOptimizerHarness;

namespace Repro.Reproduction.Tests;

/// <summary>
/// Three steps of each Keras optimizer against its update rule written out by hand, with the
/// defaults of Keras 2 (TensorFlow 2.x): the optimizers other than Adam appear only in report 002's
/// optimizer sweep, which ran TensorFlow 2.8 with Keras 2.6 (report 004 ran Keras 3, with Adam alone).
/// </summary>
public class KerasOptimizerTests
{
    private const int Steps = 3;
    private const double Tolerance = 2e-6;

    /// <summary>keras/optimizer_v2/gradient_descent.py, momentum 0: p ← p − lr·g, lr 0.01.</summary>
    [Test]
    public void Sgd_defaults_step_by_lr_times_gradient()
    {
        var actual = Train(p => new KerasSgd(p), Steps);
        var expected = Expected((p, g) => Enumerable.Range(1, Steps).Select(t => p -= 0.01 * g));
        Assert.That(actual, Is.EqualTo(expected).Within(Tolerance));
    }

    /// <summary>TensorFlow ApplyKerasMomentum: m ← μm − lr·g; p ← p + m.</summary>
    [Test]
    public void Sgd_momentum_keeps_a_velocity_of_minus_lr_g()
    {
        const double lr = 0.05, mu = 0.9;
        var actual = Train(p => new KerasSgd(p, lr, mu), Steps);
        var expected = Expected((p, g) =>
        {
            double m = 0;
            return Enumerable.Range(1, Steps).Select(t => { m = mu * m - lr * g; return p += m; });
        });
        Assert.That(actual, Is.EqualTo(expected).Within(Tolerance));
    }

    /// <summary>Nesterov: m ← μm − lr·g; p ← p + μm − lr·g.</summary>
    [Test]
    public void Sgd_nesterov_looks_ahead_along_the_velocity()
    {
        const double lr = 0.05, mu = 0.9;
        var actual = Train(p => new KerasSgd(p, lr, mu, nesterov: true), Steps);
        var expected = Expected((p, g) =>
        {
            double m = 0;
            return Enumerable.Range(1, Steps).Select(t => { m = mu * m - lr * g; return p += mu * m - lr * g; });
        });
        Assert.That(actual, Is.EqualTo(expected).Within(Tolerance));
    }

    /// <summary>
    /// keras/optimizer_v2/rmsprop.py, momentum 0: v ← ρv + (1−ρ)g²; p ← p − lr·g/(√v + ε), ρ 0.9, ε 1e-7.
    /// For g = 1e-6, √v ≈ 3.2e-7 is comparable to ε, so ε inside the root would give a different value.
    /// </summary>
    [Test]
    public void Rmsprop_defaults_put_epsilon_outside_the_root()
    {
        const double lr = 1e-3, rho = 0.9, eps = 1e-7;
        var actual = Train(p => new KerasRmsprop(p), Steps);
        var expected = Expected((p, g) =>
        {
            double v = 0;
            return Enumerable.Range(1, Steps).Select(t => { v = rho * v + (1 - rho) * g * g; return p -= lr * g / (Math.Sqrt(v) + eps); });
        });
        var inside = Expected((p, g) =>
        {
            double v = 0;
            return Enumerable.Range(1, Steps).Select(t => { v = rho * v + (1 - rho) * g * g; return p -= lr * g / Math.Sqrt(v + eps); });
        });
        Assert.That(actual, Is.EqualTo(expected).Within(Tolerance));
        Assert.That(actual[2], Is.Not.EqualTo(inside.ElementAt(2)).Within(1e-6));
    }

    /// <summary>TensorFlow ApplyRMSProp (momentum > 0): v ← ρv + (1−ρ)g²; m ← μm + lr·g/√(v + ε); p ← p − m.</summary>
    [Test]
    public void Rmsprop_with_momentum_follows_the_TensorFlow_kernel()
    {
        const double lr = 1e-3, rho = 0.9, mu = 0.5, eps = 1e-7;
        var actual = Train(p => new KerasRmsprop(p, momentum: mu), Steps);
        var expected = Expected((p, g) =>
        {
            double v = 0, m = 0;
            return Enumerable.Range(1, Steps).Select(t =>
            {
                v = rho * v + (1 - rho) * g * g;
                m = mu * m + lr * g / Math.Sqrt(v + eps);
                return p -= m;
            });
        });
        Assert.That(actual, Is.EqualTo(expected).Within(Tolerance));
    }

    /// <summary>keras/optimizer_v2/adagrad.py (TensorFlow ApplyAdagradV2): a₀ = 0.1; a ← a + g²; p ← p − lr·g/(√a + ε).</summary>
    [Test]
    public void Adagrad_starts_its_accumulator_at_0_1()
    {
        const double lr = 1e-3, eps = 1e-7;
        var actual = Train(p => new KerasAdagrad(p), Steps);
        var expected = Expected((p, g) =>
        {
            double a = 0.1;
            return Enumerable.Range(1, Steps).Select(t => { a += g * g; return p -= lr * g / (Math.Sqrt(a) + eps); });
        });
        Assert.That(actual, Is.EqualTo(expected).Within(Tolerance));
    }

    /// <summary>
    /// keras/optimizer_v2/adadelta.py (TensorFlow ApplyAdadelta), lr 1e-3, ρ 0.95, ε 1e-7:
    /// a ← ρa + (1−ρ)g²; Δ = √(u+ε)/√(a+ε)·g; u ← ρu + (1−ρ)Δ²; p ← p − lr·Δ.
    /// </summary>
    [Test]
    public void Adadelta_scales_by_the_ratio_of_accumulated_updates_and_gradients()
    {
        const double lr = 1e-3, rho = 0.95, eps = 1e-7;
        var actual = Train(p => new KerasAdadelta(p), Steps);
        var expected = Expected((p, g) =>
        {
            double a = 0, u = 0;
            return Enumerable.Range(1, Steps).Select(t =>
            {
                a = rho * a + (1 - rho) * g * g;
                var delta = Math.Sqrt(u + eps) / Math.Sqrt(a + eps) * g;
                u = rho * u + (1 - rho) * delta * delta;
                return p -= lr * delta;
            });
        });
        Assert.That(actual, Is.EqualTo(expected).Within(1e-7));
    }

    /// <summary>keras/optimizer_v2/adamax.py (TensorFlow ApplyAdaMax): m ← β1m + (1−β1)g; u ← max(β2u, |g|); p ← p − lr/(1−β1ᵗ)·m/(u + ε).</summary>
    [Test]
    public void Adamax_divides_by_the_infinity_norm()
    {
        const double lr = 1e-3, b1 = 0.9, b2 = 0.999, eps = 1e-7;
        var actual = Train(p => new KerasAdamax(p), Steps);
        var expected = Expected((p, g) =>
        {
            double m = 0, u = 0;
            return Enumerable.Range(1, Steps).Select(t =>
            {
                m = b1 * m + (1 - b1) * g;
                u = Math.Max(b2 * u, Math.Abs(g));
                return p -= lr / (1 - Math.Pow(b1, t)) * m / (u + eps);
            });
        });
        Assert.That(actual, Is.EqualTo(expected).Within(Tolerance));
    }

    /// <summary>
    /// keras/optimizer_v2/nadam.py: μ_t = β1(1 − ½·0.96^(0.004t)); Π_t = Π_{t−1}μ_t;
    /// ĝ = g/(1−Π_t); m ← β1m + (1−β1)g; m̂ = m/(1−Π_tμ_{t+1}); v ← β2v + (1−β2)g²; v̂ = v/(1−β2ᵗ);
    /// p ← p − lr·((1−μ_t)ĝ + μ_{t+1}m̂)/(√v̂ + ε).
    /// </summary>
    [Test]
    public void Nadam_follows_the_momentum_cache_schedule()
    {
        const double lr = 1e-3, b1 = 0.9, b2 = 0.999, eps = 1e-7;
        double Mu(int t) => b1 * (1 - 0.5 * Math.Pow(0.96, 0.004 * t));
        var actual = Train(p => new KerasNadam(p), Steps);
        var expected = Expected((p, g) =>
        {
            double m = 0, v = 0, schedule = 1;
            return Enumerable.Range(1, Steps).Select(t =>
            {
                schedule *= Mu(t);
                var gHat = g / (1 - schedule);
                m = b1 * m + (1 - b1) * g;
                var mHat = m / (1 - schedule * Mu(t + 1));
                v = b2 * v + (1 - b2) * g * g;
                var vHat = v / (1 - Math.Pow(b2, t));
                return p -= lr * ((1 - Mu(t)) * gHat + Mu(t + 1) * mHat) / (Math.Sqrt(vHat) + eps);
            });
        });
        Assert.That(actual, Is.EqualTo(expected).Within(Tolerance));
    }

    [TestCase("sgd", typeof(KerasSgd), 0.01)]
    [TestCase("SGD", typeof(KerasSgd), 0.01)]
    [TestCase("RMSprop", typeof(KerasRmsprop), 1e-3)]
    [TestCase("Adagrad", typeof(KerasAdagrad), 1e-3)]
    [TestCase("Adadelta", typeof(KerasAdadelta), 1e-3)]
    [TestCase("adam", typeof(KerasAdam), 1e-3)]
    [TestCase("Adamax", typeof(KerasAdamax), 1e-3)]
    [TestCase("Nadam", typeof(KerasNadam), 1e-3)]
    public void Names_map_to_Keras_optimizers_with_Keras_default_learning_rates(string name, Type type, double learningRate)
    {
        using var generator = new Repro.Torch.Generator(1);
        using var model = KerasModel.Build([new Flatten(), new Dense(3, Activation.Softmax)], (1, 2, 2), generator);
        using var optimizer = KerasTraining.Optimizer(new OptimizerSpec(name), model);
        Assert.That(optimizer, Is.TypeOf(type));
        Assert.That(optimizer.LearningRate, Is.EqualTo(learningRate));
    }

    [Test]
    public void Spec_arguments_reach_the_optimizer()
    {
        using var generator = new Repro.Torch.Generator(1);
        using var model = KerasModel.Build([new Flatten(), new Dense(3, Activation.Softmax)], (1, 2, 2), generator);
        using var optimizer = KerasTraining.Optimizer(new OptimizerSpec("adam", LearningRate: 4e-4), model);
        Assert.That(optimizer.LearningRate, Is.EqualTo(4e-4));
        Assert.That(optimizer.Parameters, Has.Count.EqualTo(2));
    }
}
