namespace Repro.Experiments.Definitions;

/// <summary>
/// Report 003, "Project 2" on Fashion-MNIST (reports/003_a4d8508dff3627b3.txt): LeNet-5 trained
/// with Keras 2 (TensorFlow 2), 10 epochs, batch 128, 10% validation split.
/// </summary>
public sealed class Report003 : IReportDefinitions
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

    private static readonly TrainingSpec LeNetTraining = new()
    {
        Optimizer = new OptimizerSpec("adam", LearningRate: 1e-3),
        Loss = "categorical_crossentropy",
        Epochs = 10,
        BatchSize = 128,
        Validation = ValidationSpec.FromFitArguments(0.1, validationDataIsTestSet: false, KerasGeneration.TfKeras2),
    };

    private static readonly DataSpec Fashion = new("fashion-mnist", PixelScale: 255);

    private const string SeedNote = "The report set no seed; Repro fixes 42 so that runs repeat.";

    private static readonly string[] CommonNotes =
    [
        "Labels were one-hot encoded and trained with categorical_crossentropy; Repro trains on class indices with the same loss, which is equal by definition.",
        "The final Dense has a softmax activation. TensorFlow 2's Keras recognises a softmax output and computes the cross-entropy from its logits (keras/backend.py, _get_logits via _keras_logits), so no probability clipping happened; Repro does the same.",
        "Pixels divided by 255; no other preprocessing.",
    ];

    public static Experiment LeNet5HoldOut { get; } = new()
    {
        Id = "003-lenet5",
        Version = 1,
        Title = "LeNet-5 on Fashion-MNIST, 10 epochs, test-set evaluation",
        Source = new ReportSource("003", File, "\"implement a LeNet-5 network to recognize the FashionMNIST digits\""),
        Data = Fashion,
        Protocol = new HoldOut(),
        InputShape = (1, 28, 28),
        Model = LeNet5,
        Training = LeNetTraining,
        Seed = 42,
        SeedNote = SeedNote,
        Reported =
        [
            new ReportedNumber(MetricNames.TestAccuracy, 0.8817, "evaluate() output after training: '313/313 [=====] - loss: 0.3309 - accuracy: 0.8817' and 'Test accuracy: 0.8816999793052673'"),
            new ReportedNumber(MetricNames.TestLoss, 0.3309, "same evaluate() output"),
            new ReportedNumber(MetricNames.FinalValidationAccuracy, 0.8827, "fit() log, epoch 10: 'val_accuracy: 0.8827'"),
            new ReportedNumber(MetricNames.FinalTrainAccuracy, 0.9006, "fit() log, epoch 10: 'accuracy: 0.9006'"),
        ],
        PrintedCourse = PrintedCourses.Report003LeNet5,
        InCpuTestBudget = true,
        Notes =
        [
            .. CommonNotes,
            "validation_split=0.1 held out the last 6,000 training images before shuffling (fit log: 422 steps of 128 = 54,000 images); the other 54,000 are reshuffled every epoch.",
        ],
    };

    public static Experiment LeNet5DropoutHoldOut { get; } = LeNet5HoldOut with
    {
        Id = "003-lenet5-dropout",
        Title = "LeNet-5 with dropout 0.4 on Fashion-MNIST, 10 epochs, test-set evaluation",
        Source = new ReportSource("003", File, "second model: LeNet-5 with Dropout(0.4) after each hidden Dense"),
        Model = LeNet5Dropout,
        Reported =
        [
            new ReportedNumber(MetricNames.TestAccuracy, 0.8831, "evaluate() output: '313/313 [=====] - loss: 0.3248 - accuracy: 0.8831' and 'Test accuracy: 0.8830999732017517'"),
            new ReportedNumber(MetricNames.TestLoss, 0.3248, "same evaluate() output"),
            new ReportedNumber(MetricNames.FinalValidationAccuracy, 0.8868, "fit() log, epoch 10: 'val_accuracy: 0.8868'"),
            new ReportedNumber(MetricNames.FinalTrainAccuracy, 0.8831, "fit() log, epoch 10: 'accuracy: 0.8831'"),
        ],
        PrintedCourse = PrintedCourses.Report003LeNet5Dropout,
    };

    public static Experiment LeNet5DropoutCrossValidation { get; } = LeNet5DropoutHoldOut with
    {
        Id = "003-lenet5-dropout-cv",
        Title = "LeNet-5 with dropout 0.4, 5-fold cross-validation scored on the test set",
        Source = new ReportSource("003", File, "\"Evaluate the model using 5-fold cross-validation.\""),
        Protocol = new CrossValidation(Folds: 5, Shuffle: false, RandomState: null, FoldScoring.TestSet),
        Training = LeNetTraining with { Validation = new NoValidation() },
        Reported =
        [
            new ReportedNumber(MetricNames.CvMeanAccuracy, 0.8771399974822998, "'Mean Test accuracy: 0.8771399974822998'"),
            new ReportedNumber(MetricNames.CvStdAccuracy, 0.003336225180424349, "'Standard Deviation of Test accuracy: 0.003336225180424349'"),
        ],
        PrintedCourse = null,
        Notes =
        [
            .. CommonNotes,
            "The report shows this cell's prose, not its code. It says each fold's model was 'trained on the training data for 10 epochs with a batch size of 128' and 'evaluated on the test data', so Repro trains on the fold's 48,000 training rows and scores every fold on the 10,000 test images.",
            "The prose names KFold with 5 folds and nothing else, so Repro uses KFold's defaults (shuffle=False): the folds are consecutive blocks of 12,000 training images.",
            "The prose mentions no validation split for the folds, so none is held out: each fold trains on all 48,000 rows.",
            "The model is the dropout variant ('Two dropout layers (Dropout) with a dropout rate of 0.4').",
        ],
    };

    private static readonly DataSpec FashionRgb32 = Fashion with { ResizeTo = (32, 32), GreyToRgb = true };

    public static Experiment Vgg16TransferHoldOut { get; } = LeNet5HoldOut with
    {
        Id = "003-vgg16-transfer",
        Title = "VGG16 (frozen ImageNet base) transfer on Fashion-MNIST enlarged to 32×32 RGB",
        Source = new ReportSource("003", File, "\"model 1: VGG16 model\""),
        InCpuTestBudget = false,
        Data = FashionRgb32,
        InputShape = (3, 32, 32),
        Model = Vgg16Transfer,
        Training = LeNetTraining with { Validation = ValidationSpec.FromFitArguments(0, validationDataIsTestSet: true, KerasGeneration.TfKeras2) },
        Weights =
        [
            new PretrainedWeights("vgg16-imagenet-notop", "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5",
                "https://storage.googleapis.com/tensorflow/keras-applications/vgg16/vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5",
                "6d6bbae143d832006294945121d1f1fc", "the 13 convolutions of the VGG16 base"),
        ],
        Reported = [new ReportedNumber(MetricNames.TestAccuracy, 0.8681, "'Test accuracy: 0.8680999875068665'")],
        PrintedCourse = PrintedCourses.Report003Vgg16,
        Notes =
        [
            .. CommonNotes,
            "Images were enlarged to 32×32 with skimage.transform.resize (bilinear) and made RGB with gray2rgb (three copies of the grey channel).",
            "'Validation data is also specified': fit() validated on the test set each epoch, which does not change training.",
            "The head's dropout rate is not in the text; Repro uses 0.5. It does not change the parameter count (14,848,586 printed).",
            "No VGG16 preprocess_input is mentioned, so none is applied.",
        ],
    };

    public static Experiment ResNet50TransferHoldOut { get; } = Vgg16TransferHoldOut with
    {
        Id = "003-resnet50-transfer",
        // 2: the frozen base's batch normalisation runs in inference mode, as TensorFlow 2's Keras runs a non-trainable one.
        Version = 2,
        Title = "ResNet50 (frozen ImageNet base) transfer on Fashion-MNIST enlarged to 32×32 RGB",
        Source = new ReportSource("003", File, "\"model 2: ResNet50 model\""),
        Model = ResNet50Transfer,
        Training = LeNetTraining,
        Weights =
        [
            new PretrainedWeights("resnet50-imagenet-notop", "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5",
                "https://storage.googleapis.com/tensorflow/keras-applications/resnet/resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5",
                "4d473c1dd8becc155b73f8504c6f6626", "the ResNet50 base (convolutions and batch normalisation)"),
        ],
        Reported =
        [
            new ReportedNumber(MetricNames.TestAccuracy, 0.7436, "'Test accuracy: 0.7436000108718872'"),
            new ReportedNumber(MetricNames.FinalValidationAccuracy, 0.7557, "fit() log, epoch 10: 'val_accuracy: 0.7557'"),
        ],
        PrintedCourse = PrintedCourses.Report003ResNet50,
        Notes =
        [
            .. CommonNotes,
            "Images were enlarged to 32×32 with skimage.transform.resize and stacked to three channels with np.stack.",
            "validation_split=0.1, as for LeNet-5: the last 6,000 training images validate, 54,000 train.",
            "All base layers are frozen; TensorFlow 2's Keras then runs the base's BatchNormalization layers in inference mode (moving statistics, never updated), and so does Repro.",
            "The prose says 'two Dense layers with ReLU', but the printed count (527,114 trainable = 2,048·256+256 + 256·10+10) has one hidden Dense of 256; Repro follows the count. The head's dropout rate is not in the text; Repro uses 0.5.",
        ],
    };

    /// <summary>
    /// The report's only repeated measurement is its 5-fold run: five LeNet-5 (dropout) models, each trained on 48,000 images and
    /// scored on the 10,000 test images. Their spread is one run's test accuracy (the transfer models' too, which have none of
    /// their own), and over √5 a five-fold mean's. The losses, the fit-log accuracies and the CV deviation have no printed
    /// spread (the two LeNet-5 runs are different models), so they are left out.
    /// </summary>
    private static Dictionary<string, ReportedSpread> TestAccuracySpreads()
    {
        var accuracy = ReportedSpread.FromNpStd(0.003336225180424349, 5,
            "the 5-fold run's 'Standard Deviation of Test accuracy: 0.003336225180424349' (np.std, ddof 0) × √(5/4)");
        return new Dictionary<string, ReportedSpread>
        {
            [MetricNames.TestAccuracy] = accuracy,
            [MetricNames.CvMeanAccuracy] = accuracy.OfMeanOver(5),
        };
    }

    public static ReportDefinition Definition { get; } = new()
    {
        Report = "003",
        File = File,
        Title = "Project 2: LeNet-5 and transfer learning on Fashion-MNIST",
        Experiments = [LeNet5HoldOut, LeNet5DropoutHoldOut, LeNet5DropoutCrossValidation, Vgg16TransferHoldOut, ResNet50TransferHoldOut],
        Architectures = Architectures,
        Spread = TestAccuracySpreads(),
    };
}
