using Repro.Experiments;
using Repro.Experiments.Definitions;

namespace Repro.Reproduction.Benchmarks;

/// <summary>
/// A model of the reports with its report's training settings, as `repro bench` times it and `repro parity` trains it on
/// two devices; and the PyTorch script's name for the same model (null: Repro only).
/// </summary>
public sealed record BenchmarkCase(string Name, IReadOnlyList<Layer> Layers, (int Channels, int Height, int Width) Input, TrainingSpec Training, string[]? PyTorchModel)
{
    public static IReadOnlyList<BenchmarkCase> All { get; } =
    [
        new("003-lenet5", Report003.LeNet5, (1, 28, 28), Report003.LeNet5HoldOut.Training, ["--model", "lenet5"]),
        new("004-cnn", Report004.Cnn(), (1, 28, 28), Report004.FinalTraining, ["--model", "report004"]),
        // The largest model of report 004's sweeps (N_HIDDEN = 512, about 13 million parameters): the memory check runs on it.
        new("004-cnn-hidden512", Report004.Cnn(hidden: 512), (1, 28, 28), Report004.FinalTraining, ["--model", "report004", "--hidden", "512"]),
        // The transfer models: a frozen base's weights do not change a step's cost, so Keras's initialisers stand in for the ImageNet files.
        new("003-vgg16-transfer", Report003.Vgg16Transfer, (3, 32, 32), Report003.Vgg16TransferHoldOut.Training, null),
        new("003-resnet50-transfer", Report003.ResNet50Transfer, (3, 32, 32), Report003.ResNet50TransferHoldOut.Training, null),
    ];

    /// <summary>The cases run when none is named: report 003's LeNet-5 and report 004's CNN.</summary>
    public static IReadOnlyList<BenchmarkCase> Default => All.Take(2).ToList();

    /// <summary>The cases named (all of <see cref="Default"/> when none is), in the order of <see cref="All"/>.</summary>
    /// <exception cref="ArgumentException">A name is not a case; the message lists the cases.</exception>
    public static IReadOnlyList<BenchmarkCase> Named(IReadOnlyCollection<string> names)
    {
        var unknown = names.Where(n => All.All(c => c.Name != n)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"Unknown case {string.Join(", ", unknown)}; the cases are {string.Join(", ", All.Select(c => c.Name))}.");
        return names.Count == 0 ? Default : All.Where(c => names.Contains(c.Name)).ToList();
    }
}
