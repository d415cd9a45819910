using static Repro.Torch.torch;

namespace Repro.Torch.Tests.Parity;

/// <summary>
/// Layers replayed from PyTorch fixtures: the module is built with the binding, given PyTorch's initial
/// parameters and buffers through load_state_dict, run forward and backward with PyTorch's upstream
/// gradient, and compared on output, input gradient, parameter gradients and updated buffers.
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
        var (input, output, kernel) = (f.Long("in_channels"), f.Long("out_channels"), f.Long("kernel"));
        using var conv = f.Config.GetProperty("padding").ValueKind == System.Text.Json.JsonValueKind.String
            ? nn.Conv2d(input, output, kernel, nn.Padding.Same)
            : nn.Conv2d(input, output, kernel, f.Long("stride"), f.Long("padding"));
        Replay(conv, f);
    }

    [TestCaseSource(nameof(MaxPool2d))]
    public void MaxPool2d_matches_PyTorch(string name)
    {
        var f = Fixture.Load(name);
        using var pool = nn.MaxPool2d(f.Long("kernel"), f.Long("stride"));
        Replay(pool, f);
    }

    [TestCaseSource(nameof(Linear))]
    public void Linear_matches_PyTorch(string name)
    {
        var f = Fixture.Load(name);
        using var linear = nn.Linear(f.Long("in_features"), f.Long("out_features"));
        Replay(linear, f);
    }

    [TestCaseSource(nameof(BatchNorm))]
    public void BatchNorm_matches_PyTorch_including_running_statistics(string name)
    {
        var f = Fixture.Load(name);
        var (features, eps, momentum) = (f.Long("features"), f.Double("eps", 1e-5), f.Double("momentum", 0.1));
        using nn.Module<Tensor, Tensor> bn = f.Kind == "batch_norm2d"
            ? nn.BatchNorm2d(features, eps, momentum)
            : nn.BatchNorm1d(features, eps, momentum);
        bn.train(f.Bool("training"));
        Replay(bn, f);
        if (!f.Bool("training"))
            Assert.That(bn.state_dict()["running_mean"], Is.EqualTo(f.Floats("state.running_mean")), "eval mode must not touch the running statistics");
    }

    [TestCaseSource(nameof(Activation))]
    public void Activation_matches_PyTorch(string name)
    {
        var f = Fixture.Load(name);
        using nn.Module<Tensor, Tensor> module = f.String("function") switch
        {
            "relu" => nn.ReLU(),
            "tanh" => nn.Tanh(),
            "sigmoid" => nn.Sigmoid(),
            "softmax" => nn.Softmax(f.Long("dim")),
            "log_softmax" => nn.LogSoftmax(f.Long("dim")),
            var other => throw new AssertionException($"no module for activation {other}"),
        };
        Replay(module, f);
    }

    /// <summary>Same seed, same libtorch generator, so the binding must draw PyTorch's mask exactly.</summary>
    [TestCaseSource(nameof(Dropout))]
    public void Dropout_with_the_same_seed_draws_PyTorchs_mask(string name)
    {
        var f = Fixture.Load(name);
        using var scope = NewDisposeScope();
        var x = f.Tensor("input");
        x.requires_grad = true;
        manual_seed((ulong)f.Long("seed"));
        var y = nn.functional.dropout(x, f.Double("p", 0.5), training: true);
        Parity.AssertClose(y, f, "output");
        (y * f.Tensor("upstream")).sum().backward();
        Parity.AssertClose(x.grad, f, "input_grad");
    }

    /// <summary>Loads "state.*", runs forward/backward, compares "output", "input_grad", "grad.*" and "after.*".</summary>
    internal static void Replay(nn.Module<Tensor, Tensor> module, Fixture f)
    {
        module.load_state_dict(f.State("state"));
        using var scope = NewDisposeScope();
        var x = f.Tensor("input");
        x.requires_grad = true;
        var y = module.call(x);
        Parity.AssertClose(y, f, "output");
        // d(sum(y ⊙ u))/dy = u exactly, so this backward is PyTorch's y.backward(u).
        (y * f.Tensor("upstream")).sum().backward();
        Parity.AssertClose(x.grad, f, "input_grad");
        var parameters = module.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.That(parameters.Keys.Select(k => "grad." + k), Is.EquivalentTo(f.Names("grad.")), $"{f.Name}: parameters");
        foreach (var (name, parameter) in parameters) Parity.AssertClose(parameter.grad, f, "grad." + name);
        var buffers = module.named_buffers().ToDictionary(b => b.name, b => b.buffer);
        Assert.That(buffers.Keys.Select(k => "after." + k), Is.EquivalentTo(f.Names("after.")), $"{f.Name}: buffers");
        foreach (var (name, buffer) in buffers) Parity.AssertClose(buffer, f, "after." + name);
    }
}
