using System.Text.Json;
using Repro.Torch.Modules;
using static Repro.Torch.torch;

namespace Repro.Torch.Tests.Parity;

/// <summary>
/// Three steps of each optimizer on PyTorch's tiny Linear(4,3)–Tanh–Linear(3,2) model with an MSE loss, from
/// the same initial weights: the loss before each step and every parameter after each step must match
/// torch.optim's single-tensor implementation, including learning rates changed between steps.
/// </summary>
public class OptimizerParityTests
{
    private static IEnumerable<string> Optimizers() => Fixture.Named("optimizer");

    [TestCaseSource(nameof(Optimizers))]
    public void Three_steps_match_torch_optim(string name)
    {
        var f = Fixture.Load(name);
        using var model = nn.Sequential(nn.Linear(4, 3), nn.Tanh(), nn.Linear(3, 2));
        model.load_state_dict(f.State("state"));
        using var optimizer = Create(f, model.parameters());
        using var scope = NewDisposeScope();
        var x = f.Tensor("input");
        var y = f.Tensor("target");
        var lrs = f.Config.GetProperty("lrs");
        for (var step = 0; step < 3; step++)
        {
            using var stepScope = NewDisposeScope();
            if (lrs.ValueKind == JsonValueKind.Array) optimizer.LearningRate = lrs[step].GetDouble();
            optimizer.zero_grad();
            var loss = nn.functional.mse_loss(model.call(x), y);
            Parity.AssertClose(loss, f, $"loss.{step}");
            loss.backward();
            optimizer.step();
            var expected = f.State($"step{step}");
            var actual = model.state_dict();
            Assert.That(actual.Keys, Is.EquivalentTo(expected.Keys));
            foreach (var (key, values) in actual) Parity.AssertClose(values, expected[key], $"{name}: {key} after step {step + 1}");
        }
    }

    private static optim.Optimizer Create(Fixture f, IEnumerable<nn.Parameter> parameters)
    {
        double Beta(int i, double fallback) =>
            f.Config.TryGetProperty("betas", out var betas) ? betas[i].GetDouble() : fallback;
        double Wd() => f.Double("weight_decay", 0);
        return f.String("optimizer") switch
        {
            "SGD" => optim.SGD(parameters, f.Double("lr", double.NaN), f.Double("momentum", 0), f.Double("dampening", 0), Wd(), f.Bool("nesterov")),
            "RMSprop" => optim.RMSprop(parameters, f.Double("lr", 1e-2), f.Double("alpha", 0.99), f.Double("eps", 1e-8), Wd(), f.Double("momentum", 0), f.Bool("centered")),
            "Adagrad" => optim.Adagrad(parameters, f.Double("lr", 1e-2), f.Double("lr_decay", 0), Wd(), f.Double("initial_accumulator_value", 0), f.Double("eps", 1e-10)),
            "Adadelta" => optim.Adadelta(parameters, f.Double("lr", 1.0), f.Double("rho", 0.9), f.Double("eps", 1e-6), Wd()),
            "Adamax" => optim.Adamax(parameters, f.Double("lr", 2e-3), Beta(0, 0.9), Beta(1, 0.999), f.Double("eps", 1e-8), Wd()),
            "NAdam" => optim.NAdam(parameters, f.Double("lr", 2e-3), Beta(0, 0.9), Beta(1, 0.999), f.Double("eps", 1e-8), Wd(), f.Double("momentum_decay", 4e-3)),
            "Adam" => optim.Adam(parameters, f.Double("lr", 1e-3), Beta(0, 0.9), Beta(1, 0.999), f.Double("eps", 1e-8), Wd()),
            var other => throw new AssertionException($"no binding for optimizer {other}"),
        };
    }
}
