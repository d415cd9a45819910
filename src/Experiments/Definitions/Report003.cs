namespace Repro.Experiments.Definitions;

/// <summary>
/// Report 003, "Project 2" on Fashion-MNIST (reports/003_a4d8508dff3627b3.txt): LeNet-5 trained
/// with Keras 2 (TensorFlow 2), 10 epochs, batch 128, 10% validation split.
/// </summary>
public static class Report003
{
    private const string File = "003_a4d8508dff3627b3.txt";

    /// <summary>
    /// Conv 6@5×5 valid + ReLU → max-pool 2 → conv 16@5×5 + ReLU → max-pool 2 → flatten (256) →
    /// dense 120 ReLU → dense 84 ReLU → dense 10 softmax. The model summary printed
    /// 156 + 2,416 + 30,840 + 10,164 + 850 = 44,426 parameters.
    /// </summary>
    public static IReadOnlyList<Layer> LeNet5 { get; } =
    [
        new Conv2D(6, 5, Activation.Relu),
        new MaxPooling2D(2),
        new Conv2D(16, 5, Activation.Relu),
        new MaxPooling2D(2),
        new Flatten(),
        new Dense(120, Activation.Relu),
        new Dense(84, Activation.Relu),
        new Dense(10, Activation.Softmax),
    ];

    /// <summary>The second model: LeNet-5 with Dropout(0.4) after each hidden Dense (summary printed 44,426 parameters).</summary>
    public static IReadOnlyList<Layer> LeNet5Dropout { get; } =
        LeNet5.SelectMany(layer => layer is Dense { Units: not 10 } ? [layer, new Dropout(0.4)] : new[] { layer }).ToArray();

    /// <summary>
    /// VGG16's convolutional base (Keras applications, include_top=False, 32×32×3 input: 13 same
    /// convolutions relu in five pooled blocks), frozen, then flatten → dense 256 relu → dropout →
    /// dense 10 softmax. The head's dropout rate is not in the text; it does not change the count.
    /// </summary>
    public static IReadOnlyList<Layer> Vgg16Transfer { get; } =
    [
        .. Block(64, 2), .. Block(128, 2), .. Block(256, 3), .. Block(512, 3), .. Block(512, 3),
        new Flatten(),
        new Dense(256, Activation.Relu),
        new Dropout(0.5),
        new Dense(10, Activation.Softmax),
    ];

    private static IEnumerable<Layer> Block(int filters, int convolutions) =>
        Enumerable.Repeat<Layer>(new Conv2D(filters, 3, Activation.Relu, Padding.Same) { Trainable = false }, convolutions).Append(new MaxPooling2D(2));

    /// <summary>
    /// ResNet50's convolutional base, frozen, on 32×32×3 (its output is 1×1×2048), then flatten →
    /// dense 256 relu → dropout → dense 10 softmax: 23,587,712 frozen + 527,114 trainable parameters.
    /// </summary>
    public static IReadOnlyList<Layer> ResNet50Transfer { get; } =
    [
        new ResNet50Base(Trainable: false),
        new Flatten(),
        new Dense(256, Activation.Relu),
        new Dropout(0.5),
        new Dense(10, Activation.Softmax),
    ];

    public static IReadOnlyList<Architecture> Architectures { get; } =
    [
        new Architecture("003 LeNet-5", (1, 28, 28), LeNet5, 44_426, 0, $"{File}: first model.summary()"),
        new Architecture("003 LeNet-5 + dropout 0.4", (1, 28, 28), LeNet5Dropout, 44_426, 0, $"{File}: second model.summary()"),
        new Architecture("003 VGG16 transfer", (3, 32, 32), Vgg16Transfer, 14_848_586, 14_714_688, $"{File}: VGG16 transfer model.summary()"),
        new Architecture("003 ResNet50 transfer", (3, 32, 32), ResNet50Transfer, 24_114_826, 23_587_712, $"{File}: ResNet50 transfer model.summary()"),
    ];

    public static Experiment LeNet5HoldOut { get; } = new()
    {
        Id = "003-lenet5",
        Version = 1,
        Title = "LeNet-5 on Fashion-MNIST, 10 epochs, test-set evaluation",
        Source = new ReportSource("003", File, "\"implement a LeNet-5 network to recognize the FashionMNIST digits\""),
        Data = new DataSpec("fashion-mnist", PixelScale: 255),
        InputShape = (1, 28, 28),
        Model = LeNet5,
        Training = new TrainingSpec
        {
            Optimizer = new OptimizerSpec("adam", LearningRate: 1e-3),
            Loss = "categorical_crossentropy",
            Epochs = 10,
            BatchSize = 128,
            Validation = ValidationSpec.FromFitArguments(0.1, validationDataIsTestSet: false, KerasGeneration.TfKeras2),
        },
        Seed = 42,
        SeedNote = "The report set no seed; Repro fixes 42 so that runs repeat.",
        Reported =
        [
            new ReportedNumber("test_accuracy", 0.8817, "evaluate() output after training: '313/313 [=====] - loss: 0.3309 - accuracy: 0.8817' and 'Test accuracy: 0.8816999793052673'"),
            new ReportedNumber("test_loss", 0.3309, "same evaluate() output"),
            new ReportedNumber("final_val_accuracy", 0.8827, "fit() log, epoch 10: 'val_accuracy: 0.8827'"),
            new ReportedNumber("final_train_accuracy", 0.9006, "fit() log, epoch 10: 'accuracy: 0.9006'"),
        ],
        Notes =
        [
            "Labels were one-hot encoded and trained with categorical_crossentropy; Repro trains on class indices with the same loss, which is equal by definition.",
            "The final Dense has a softmax activation. TensorFlow 2's Keras recognises a softmax output and computes the cross-entropy from its logits (keras/backend.py, _get_logits via _keras_logits), so no probability clipping happened; Repro does the same.",
            "validation_split=0.1 held out the last 6,000 training images before shuffling (fit log: 422 steps of 128 = 54,000 images); the other 54,000 are reshuffled every epoch.",
            "Pixels divided by 255; no other preprocessing.",
        ],
        Gate = new GateSpec(
            new Dictionary<string, double>
            {
                ["test_accuracy"] = 0.01,
                ["test_loss"] = 0.03,
                ["test_macro_f1"] = 0.01,
            },
            "Initial bands; replaced by the measured seed-to-seed spread recorded in the baseline file."),
    };

    public static IReadOnlyList<Experiment> Experiments { get; } = [LeNet5HoldOut];
}
