namespace Repro.Experiments.Definitions;

/// <summary>
/// Report 001, "Project: CNN" on the UCI handwritten digits (reports/001_a36d6ff25246b098.txt;
/// report 000 is an earlier conversion of the same notebook): a three-block CNN on 8×8 images.
/// </summary>
public static class Report001
{
    private const string File = "001_a36d6ff25246b098.txt";

    /// <summary>
    /// create_cnn_model(): conv 16/32/64 @3×3 same relu, each followed by max-pool 2 (valid) and
    /// dropout 0.25; flatten (64) → dense 128 sigmoid → dropout → dense 512 sigmoid → dropout → dense 10 softmax.
    /// </summary>
    public static IReadOnlyList<Layer> Cnn { get; } =
    [
        new Conv2D(16, 3, Activation.Relu, Padding.Same), new MaxPooling2D(2), new Dropout(0.25),
        new Conv2D(32, 3, Activation.Relu, Padding.Same), new MaxPooling2D(2), new Dropout(0.25),
        new Conv2D(64, 3, Activation.Relu, Padding.Same), new MaxPooling2D(2), new Dropout(0.25),
        new Flatten(),
        new Dense(128, Activation.Sigmoid), new Dropout(0.25),
        new Dense(512, Activation.Sigmoid), new Dropout(0.25),
        new Dense(10, Activation.Softmax),
    ];

    public static IReadOnlyList<Architecture> Architectures { get; } =
    [
        new Architecture("001 CNN", (1, 8, 8), Cnn, PrintedTotal: 102_794, PrintedNonTrainable: 0, $"{File}: model.summary() after create_cnn_model()"),
    ];
}
