using Repro.Experiments;
using Repro.Experiments.Definitions;
using Repro.Reproduction.Keras;
using Repro.Torch;
using Repro.Torch.Modules;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Tests.Weights;

/// <summary>
/// The same Keras weight file in Repro and in PyTorch (keras_weight_files.py builds each network from the file by
/// name): every step of the forward pass, fed PyTorch's input to it, must give PyTorch's output within
/// 2·γ_N·M element by element, as the binding's parity tests bound one op (tests/Torch.Tests/Parity/Tolerance.cs):
/// N the roundings on an output element's path through the step (a convolution's kh·kw·Cin + 1, a batch norm's 8,
/// summed over the step), M the step run in float64 on |x| with every weight by its absolute value, which bounds
/// how far those roundings, wherever they fall, move the output. A weight in the wrong place or layout moves it by
/// the order of the output itself. Run step by step, because over 53 layers such a bound compounds past any use.
/// </summary>
public class WeightFileParityTests
{
    private KerasWeightFixtures fixtures = null!;

    [OneTimeSetUp]
    public void Write() => fixtures = new KerasWeightFixtures();

    [OneTimeTearDown]
    public void Delete() => fixtures.Dispose();

    [Test]
    public void The_small_model_matches_pytorch()
    {
        var path = fixtures.Write("small", "small.h5");
        using var generator = new Generator(7);
        using var model = KerasModel.Build(KerasWeightFileTests.Small, (3, 8, 8), generator);
        KerasWeightLoading.Load(model, [path]);
        model.Network.eval();
        Compare(fixtures.Forward("small", path), [("model", model.Network.call)]);
    }

    [Test]
    public void The_vgg16_notop_layout_fills_the_vgg16_transfer_base_and_matches_pytorch()
    {
        var path = fixtures.Write("vgg16", "vgg16.h5", "none");
        using var generator = new Generator(7);
        using var model = KerasModel.Build(Report003.Vgg16Transfer, (3, 32, 32), generator);
        KerasWeightLoading.Load(model, [path]);
        model.Network.eval();
        var steps = new List<(string, Func<Tensor, Tensor>)>();
        var layers = model.Network.Layers;
        for (var i = 0; i < layers.Count && layers[i] is Conv2d or MaxPool2d; i++)
        {
            if (layers[i] is Conv2d)
            {
                var (conv, activation) = (layers[i], layers[++i]);
                steps.Add(($"conv {steps.Count}", x => activation.call(conv.call(x))));
            }
            else
            {
                var pool = layers[i];
                steps.Add(($"pool {steps.Count}", pool.call));
            }
        }

        Compare(fixtures.Forward("vgg16", path), steps);
    }

    [Test]
    public void The_resnet50_notop_layout_fills_the_resnet50_base_and_matches_pytorch()
    {
        var path = fixtures.Write("resnet50", "resnet50.h5");
        using var generator = new Generator(7);
        using var model = KerasModel.Build(Report003.ResNet50Transfer, (3, 32, 32), generator);
        KerasWeightLoading.Load(model, [path]);
        model.Network.eval();
        var backbone = ((Sequential)model.Network.Layers[0]).Layers;
        var steps = new List<(string, Func<Tensor, Tensor>)>
        {
            ("conv1", x => Run(backbone, 0, 3, x)),
            ("pool1", x => Run(backbone, 3, 2, x)),
        };
        foreach (var block in backbone.Skip(5))
        {
            var children = block.named_children().ToDictionary(c => c.name, c => ((Sequential)c.module).Layers);
            var main = children["main"];
            steps.Add(("_1", x => Run(main, 0, 3, x)));
            steps.Add(("_2", x => Run(main, 3, 3, x)));
            steps.Add(("_3", x => Run(main, 6, 2, x)));
            if (children.TryGetValue("shortcut", out var shortcut)) steps.Add(("_0", x => Run(shortcut, 0, 2, x)));
        }

        Compare(fixtures.Forward("resnet50", path), steps);
    }

    private static Tensor Run(IReadOnlyList<nn.Module<Tensor, Tensor>> layers, int first, int count, Tensor x) =>
        layers.Skip(first).Take(count).Aggregate(x, (y, layer) => layer.call(y));

    private static void Compare(IReadOnlyList<ParityStep> pytorch, IReadOnlyList<(string Name, Func<Tensor, Tensor> Run)> repro)
    {
        Assert.That(repro, Has.Count.EqualTo(pytorch.Count), "Repro's steps line up with PyTorch's");
        double worstRatio = 0, worstRelative = 0;
        for (var s = 0; s < pytorch.Count; s++)
        {
            var step = pytorch[s];
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var output = repro[s].Run(tensor(step.Input, step.InputShape));
            Assert.That(output.shape, Is.EqualTo(step.OutputShape), $"{step.Name}: output shape");
            var actual = output.contiguous().data<float>();
            var tolerance = 2 * Gamma(step.Roundings);
            var scale = step.Output.Max(v => Math.Abs((double)v));
            for (var i = 0; i < actual.Length; i++)
            {
                var error = Math.Abs((double)actual[i] - step.Output[i]);
                var bound = tolerance * step.Magnitude[i];
                if (error > bound)
                    Assert.Fail($"step {s} ({step.Name}): element {i} is {actual[i]:R}, PyTorch {step.Output[i]:R}: |error| {error:G3} over the tolerance {bound:G3} = 2·γ_{step.Roundings}·{step.Magnitude[i]:G4}");
                if (bound > 0) worstRatio = Math.Max(worstRatio, error / bound);
                worstRelative = Math.Max(worstRelative, error / scale);
            }
        }

        TestContext.Out.WriteLine($"{pytorch.Count} steps: largest error {worstRelative:G3} of the step's largest output, {worstRatio:P1} of its tolerance");
    }

    /// <summary>γₙ = n·u/(1 − n·u), u = 2⁻²⁴.</summary>
    private static double Gamma(long roundings)
    {
        const double u = 1.0 / (1 << 24);
        return roundings * u / (1 - roundings * u);
    }
}
