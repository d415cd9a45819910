using Repro.Torch.Tests.Reference;
using static Repro.Torch.torch;

namespace Repro.Torch.Tests.Parity;

/// <summary>
/// Layers replayed from PyTorch fixtures: the module is built with the binding, given PyTorch's initial
/// parameters and buffers through load_state_dict, run forward and backward with PyTorch's upstream
/// gradient, and compared on output, input gradient, parameter gradients and updated buffers, each within
/// the tolerance derived for the layer's arithmetic.
/// </summary>
public class LayerParityTests
{
    private static IEnumerable<string> Conv2d() => Fixture.Named("conv2d");
    private static IEnumerable<string> MaxPool2d() => Fixture.Named("max_pool2d");
    private static IEnumerable<string> Linear() => Fixture.Named("linear");
    private static IEnumerable<string> BatchNorm() => Fixture.Named("batch_norm2d", "batch_norm1d");
    private static IEnumerable<string> Activation() => Fixture.Named("activation");
    private static IEnumerable<string> Dropout() => Fixture.Named("dropout");

    [TestCaseSource(nameof(Conv2d))]
    public void Conv2d_matches_PyTorch(string name)
    {
        var f = Fixture.Load(name);
        var create = Conv2dFor(f);
        Replay(create, f, LayerTolerances.Multilinear(create, f));
    }

    [TestCaseSource(nameof(MaxPool2d))]
    public void MaxPool2d_matches_PyTorch(string name)
    {
        var f = Fixture.Load(name);
        nn.Module<Tensor, Tensor> Create() => nn.MaxPool2d(f.Long("kernel"), f.Long("stride"));
        Replay(Create, f, LayerTolerances.MaxPool(Create, f));
    }

    [TestCaseSource(nameof(Linear))]
    public void Linear_matches_PyTorch(string name)
    {
        var f = Fixture.Load(name);
        nn.Module<Tensor, Tensor> Create() => nn.Linear(f.Long("in_features"), f.Long("out_features"));
        Replay(Create, f, LayerTolerances.Multilinear(Create, f));
    }

    [TestCaseSource(nameof(BatchNorm))]
    public void BatchNorm_matches_PyTorch_including_running_statistics(string name)
    {
        var f = Fixture.Load(name);
        var (features, eps, momentum) = (f.Long("features"), f.Double("eps", 1e-5), f.Double("momentum", 0.1));
        nn.Module<Tensor, Tensor> Create()
        {
            nn.Module<Tensor, Tensor> bn = f.Kind == "batch_norm2d" ? new BatchNorm2d(features, eps, momentum) : new BatchNorm1d(features, eps, momentum);
            bn.train(f.Bool("training"));
            return bn;
        }
        Replay(Create, f, BatchNormTolerances.Of(f));
    }

    [TestCaseSource(nameof(Activation))]
    public void Activation_matches_PyTorch(string name)
    {
        var f = Fixture.Load(name);
        nn.Module<Tensor, Tensor> Create() => f.String("function") switch
        {
            "relu" => new ReLU(),
            "tanh" => new Tanh(),
            "sigmoid" => new Sigmoid(),
            "softmax" => new Softmax(f.Long("dim")),
            "log_softmax" => new LogSoftmax(f.Long("dim")),
            var other => throw new AssertionException($"no module for activation {other}"),
        };
        Replay(Create, f, ActivationTolerances.Of(f));
    }

    /// <summary>
    /// Same seed, same libtorch generator, so the binding must draw PyTorch's mask exactly; the output and the
    /// gradient are each one product of the same two float32 operands on both sides, so they must be equal.
    /// </summary>
    [TestCaseSource(nameof(Dropout))]
    public void Dropout_with_the_same_seed_draws_PyTorchs_mask(string name)
    {
        var f = Fixture.Load(name);
        using var scope = NewDisposeScope();
        var x = f.Tensor("input");
        x.requires_grad = true;
        manual_seed((ulong)f.Long("seed"));
        var y = nn.functional.dropout(x, f.Double("p", 0.5), training: true);
        Parity.AssertClose(y, f, "output", Tolerance.Exact);
        (y * f.Tensor("upstream")).sum().backward();
        Parity.AssertClose(x.grad, f, "input_grad", Tolerance.Exact);
    }

    /// <summary>The fixture's Conv2d, as a factory: tolerances replay the layer on other inputs.</summary>
    internal static Func<nn.Module<Tensor, Tensor>> Conv2dFor(Fixture f)
    {
        var (input, output, kernel) = (f.Long("in_channels"), f.Long("out_channels"), f.Long("kernel"));
        return f.Config.GetProperty("padding").ValueKind == System.Text.Json.JsonValueKind.String
            ? () => nn.Conv2d(input, output, kernel, nn.Padding.Same)
            : () => nn.Conv2d(input, output, kernel, f.Long("stride"), f.Long("padding"));
    }

    /// <summary>Runs a fresh module on the fixture (<see cref="ModuleRun.Run"/>) and compares every result it names.</summary>
    private static void Replay(Func<nn.Module<Tensor, Tensor>> create, Fixture f, IReadOnlyDictionary<string, Tolerance> tolerances)
    {
        using var scope = NewDisposeScope();
        using var module = create();
        var results = ModuleRun.Run(module, f.State("state"), f.Tensor("input"), f.Tensor("upstream"));
        Assert.That(results.Keys.Where(k => k.StartsWith("grad.", StringComparison.Ordinal)), Is.EquivalentTo(f.Names("grad.")), $"{f.Name}: parameters");
        Assert.That(results.Keys.Where(k => k.StartsWith("after.", StringComparison.Ordinal)), Is.EquivalentTo(f.Names("after.")), $"{f.Name}: buffers");
        foreach (var (name, actual) in results) Parity.AssertClose(actual, f, name, tolerances[name]);
    }
}
