using System.Text.Json;
using Repro.Torch.Modules;
using Repro.Torch.Tests.Reference;
using static Repro.Torch.torch;

namespace Repro.Torch.Tests.Parity;

/// <summary>
/// Three steps of each optimizer against torch.optim's single-tensor implementation, on the parameters of
/// PyTorch's tiny Linear(4,3)–Tanh–Linear(3,2) MSE model. Each step starts from PyTorch's parameters before
/// it and is given the gradients PyTorch computed there, so what is compared is the update rule — its state
/// carried across steps, weight decay, learning rates changed between steps — within a few roundings
/// (<see cref="OptimizerTolerance"/>); the forward and backward passes have their own parity tests.
/// </summary>
public class OptimizerParityTests
{
    private static IEnumerable<string> Optimizers() => Fixture.Named("optimizer");

    [TestCaseSource(nameof(Optimizers))]
    public void Three_steps_match_torch_optim(string name)
    {
        foreach (var step in Replay(Fixture.Load(name)))
            Parity.AssertClose(step.Actual, step.Expected, step.Tolerance, step.What);
    }

    /// <summary>
    /// The binding's parameters after each of the fixture's steps, PyTorch's, and the tolerance: U comes from a
    /// second optimizer of the same kind stepping zero parameters with |g + λp| (<see cref="OptimizerTolerance"/>).
    /// <paramref name="learningRateFactor"/> scales the learning rate of the optimizer under test only.
    /// </summary>
    internal static List<(string What, float[] Actual, float[] Expected, Tolerance Tolerance)> Replay(Fixture f, double learningRateFactor = 1)
    {
        using var model = Model();
        using var magnitudes = Model();
        var weightDecay = f.Double("weight_decay", 0);
        using var optimizer = Create(f, model.parameters(), weightDecay);
        using var magnitudeOptimizer = Create(f, magnitudes.parameters(), weightDecay: 0);
        optimizer.LearningRate *= learningRateFactor;
        var lrs = f.Config.GetProperty("lrs");
        var results = new List<(string, float[], float[], Tolerance)>();
        for (var step = 0; step < 3; step++)
        {
            if (lrs.ValueKind == JsonValueKind.Array)
                (optimizer.LearningRate, magnitudeOptimizer.LearningRate) = (lrs[step].GetDouble() * learningRateFactor, lrs[step].GetDouble());
            var before = f.State(step == 0 ? "state" : $"step{step - 1}");
            var gradients = f.State($"grad{step}");
            model.load_state_dict(before);
            Step(optimizer, model, gradients);
            magnitudes.load_state_dict(before.ToDictionary(p => p.Key, p => new float[p.Value.Length]));
            Step(magnitudeOptimizer, magnitudes, OptimizerTolerance.GradientMagnitudes(gradients, before, weightDecay));
            var (actual, expected, updates) = (model.state_dict(), f.State($"step{step}"), magnitudes.state_dict());
            Assert.That(actual.Keys, Is.EquivalentTo(expected.Keys));
            results.AddRange(actual.Select(a => ($"{f.Name}: {a.Key} after step {step + 1}", a.Value, expected[a.Key],
                OptimizerTolerance.After(step, expected[a.Key], updates[a.Key]))));
        }
        return results;
    }

    private static Sequential Model() => nn.Sequential(nn.Linear(4, 3), new Tanh(), nn.Linear(3, 2));

    /// <summary>One step with each parameter's gradient set to <paramref name="gradients"/>: d(Σ p·G)/dp = G exactly.</summary>
    private static void Step(optim.Optimizer optimizer, nn.Module model, Dictionary<string, float[]> gradients)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        model.named_parameters()
            .Select(p => (p.parameter * tensor(gradients[p.name], p.parameter.shape)).sum())
            .Aggregate((a, b) => a + b)
            .backward();
        optimizer.step();
    }

    private static optim.Optimizer Create(Fixture f, IEnumerable<nn.Parameter> parameters, double weightDecay)
    {
        double Beta(int i, double fallback) =>
            f.Config.TryGetProperty("betas", out var betas) ? betas[i].GetDouble() : fallback;
        return f.String("optimizer") switch
        {
            "SGD" => new SGD(parameters, f.Double("lr", double.NaN), f.Double("momentum", 0), f.Double("dampening", 0), weightDecay, f.Bool("nesterov")),
            "RMSprop" => new RMSprop(parameters, f.Double("lr", 1e-2), f.Double("alpha", 0.99), f.Double("eps", 1e-8), weightDecay, f.Double("momentum", 0), f.Bool("centered")),
            "Adagrad" => new Adagrad(parameters, f.Double("lr", 1e-2), f.Double("lr_decay", 0), weightDecay, f.Double("initial_accumulator_value", 0), f.Double("eps", 1e-10)),
            "Adadelta" => new Adadelta(parameters, f.Double("lr", 1.0), f.Double("rho", 0.9), f.Double("eps", 1e-6), weightDecay),
            "Adamax" => new Adamax(parameters, f.Double("lr", 2e-3), Beta(0, 0.9), Beta(1, 0.999), f.Double("eps", 1e-8), weightDecay),
            "NAdam" => new NAdam(parameters, f.Double("lr", 2e-3), Beta(0, 0.9), Beta(1, 0.999), f.Double("eps", 1e-8), weightDecay, f.Double("momentum_decay", 4e-3)),
            "Adam" => new Adam(parameters, f.Double("lr", 1e-3), Beta(0, 0.9), Beta(1, 0.999), f.Double("eps", 1e-8), weightDecay),
            var other => throw new AssertionException($"no binding for optimizer {other}"),
        };
    }
}
