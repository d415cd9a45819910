namespace Repro.Experiments.Definitions;

/// <summary>
/// Report 002, the CNN tuning report (reports/002_49f77bc0b440cec7.txt; read with
/// reports/notes/seed-002-extraction.md): Part A on a greyscale 32×32 set, Part B on colour
/// CIFAR-10. Every convolution is 3×3 with its activation inside the layer; pooling is 2×2 valid.
/// </summary>
public static class Report002
{
    private const string File = "002_49f77bc0b440cec7.txt";

    private static Conv2D C(int filters, Padding padding = Padding.Same, Activation activation = Activation.Relu) =>
        new(filters, 3, activation, padding);

    private static MaxPooling2D P => new(2);

    /// <summary>build_CNN_1: three single valid convolutions (32, 64, 64), each pooled; dense 64 relu.</summary>
    public static IReadOnlyList<Layer> Cnn1 { get; } =
    [
        C(32, Padding.Valid), P, C(64, Padding.Valid), P, C(64, Padding.Valid), P,
        new Flatten(), new Dense(64, Activation.Relu), new Dense(10, Activation.Softmax),
    ];

    /// <summary>build_CNN_3(n1, n2, n3): three blocks of two same-padded convolutions, each pooled; CNN_2 is (32, 64, 64).</summary>
    public static IReadOnlyList<Layer> Cnn3(int n1, int n2, int n3) =>
    [
        C(n1), C(n1), P, C(n2), C(n2), P, C(n3), C(n3), P,
        new Flatten(), new Dense(64, Activation.Relu), new Dense(10, Activation.Softmax),
    ];

    /// <summary>
    /// build_CNN_4(d1, d2, d3, d4) as it ran: CNN_3(32, 64, 128) with a Dropout after each pool
    /// and after the dense layer, all four at rate d1 (the helper ignores d2..d4).
    /// </summary>
    public static IReadOnlyList<Layer> Cnn4(double d1) =>
    [
        C(32), C(32), P, new Dropout(d1), C(64), C(64), P, new Dropout(d1), C(128), C(128), P, new Dropout(d1),
        new Flatten(), new Dense(64, Activation.Relu), new Dropout(d1), new Dense(10, Activation.Softmax),
    ];

    /// <summary>
    /// build_CNN_7(f1, f2): each convolution (activation f1) followed by BatchNormalization, dropouts
    /// 0.3/0.4/0.5 after the pools, dense units with activation f2 → BN → dropout 0.3. CNN_5_v1 is
    /// (dense 64, relu, relu), CNN_6(d) is (d, relu, relu), CNN_8 and CNN_9 are (128, relu, tanh).
    /// </summary>
    public static IReadOnlyList<Layer> Cnn7(int dense = 128, Activation conv = Activation.Relu, Activation denseActivation = Activation.Relu) =>
    [
        C(32, activation: conv), new BatchNormalization(), C(32, activation: conv), new BatchNormalization(), P, new Dropout(0.3),
        C(64, activation: conv), new BatchNormalization(), C(64, activation: conv), new BatchNormalization(), P, new Dropout(0.4),
        C(128, activation: conv), new BatchNormalization(), C(128, activation: conv), new BatchNormalization(), P, new Dropout(0.5),
        new Flatten(), new Dense(dense, denseActivation), new BatchNormalization(), new Dropout(0.3),
        new Dense(10, Activation.Softmax),
    ];

    private static readonly (int C, int H, int W) Grey = (1, 32, 32);

    private static Architecture Printed(string name, IReadOnlyList<Layer> layers, long total, long nonTrainable, string where) =>
        new(name, Grey, layers, total, nonTrainable, $"{File}: {where}");

    public static IReadOnlyList<Architecture> Architectures { get; } =
    [
        Printed("002 CNN_1", Cnn1, 72_842, 0, "summary of build_CNN_1 (L208-222)"),
        Printed("002 CNN_2", Cnn3(32, 64, 64), 205_098, 0, "summary of build_CNN_2 (L474-491)"),
        Printed("002 CNN_3 v0", Cnn3(16, 32, 64), 138_042, 0, "summary of build_CNN_3(16, 32, 64) (L668-683)"),
        Printed("002 CNN_3 v1", Cnn3(32, 64, 128), 418_218, 0, "summary of build_CNN_3(32, 64, 128)"),
        Printed("002 CNN_3 v2", Cnn3(64, 128, 256), 1_407_114, 0, "summary of build_CNN_3(64, 128, 256)"),
        Printed("002 CNN_3 v3", Cnn3(128, 256, 512), 5_099_082, 0, "summary of build_CNN_3(128, 256, 512)"),
        Printed("002 CNN_4", Cnn4(0.5), 418_218, 0, "summaries of CNN_4_v1 and build_CNN_4"),
        Printed("002 CNN_5_v1", Cnn7(64), 420_266, 1_024, "summary of CNN_5_v1 (L2636-2667)"),
        Printed("002 CNN_6 dense 32", Cnn7(32), 354_250, 960, "summary of build_CNN_6(32)"),
        Printed("002 CNN_6 dense 128", Cnn7(128), 552_298, 1_152, "summary of build_CNN_6(128)"),
        Printed("002 CNN_6 dense 256", Cnn7(256), 816_362, 1_408, "summary of build_CNN_6(256)"),
        Printed("002 CNN_6 dense 512", Cnn7(512), 1_344_490, 1_920, "summary of build_CNN_6(512)"),
        Printed("002 CNN_7 tanh/tanh", Cnn7(128, Activation.Tanh, Activation.Tanh), 552_298, 1_152, "summary of build_CNN_7('tanh', 'tanh')"),
        new Architecture("002 Part B (CNN_9 on colour)", (3, 32, 32), Cnn7(128, Activation.Relu, Activation.Tanh), null, null,
            $"{File}: Part B model (L9746-9781), no summary printed")
        {
            // CNN_9's 552,298 with a first convolution of 3·3·3·32+32 = 896 weights instead of 320.
            Derived = 552_298 - 320 + 896,
        },
    ];

    public static ReportDefinition Definition { get; } = new()
    {
        Report = "002",
        File = File,
        Title = "",
        Experiments = [],
        Noise = new Dictionary<string, double>(),
        NoiseDerivation = "",
    };
}
