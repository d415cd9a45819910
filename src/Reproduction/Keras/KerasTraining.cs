using Repro.Experiments;
using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Keras;

/// <summary>Maps an experiment's Keras optimizer and loss names onto Repro's implementations.</summary>
public static class KerasTraining
{
    public static optim.Optimizer Optimizer(OptimizerSpec spec, KerasModel model) => spec.Name switch
    {
        "adam" => new KerasAdam(model.Logits.parameters(), spec.LearningRate),
        _ => throw new NotSupportedException($"Optimizer '{spec.Name}' is not implemented yet."),
    };

    /// <summary>
    /// The batch loss (mean over the batch) from the model's logits and integer labels.
    /// categorical_crossentropy on a softmax output: TensorFlow's Keras takes the softmax's cached
    /// logits and calls softmax_cross_entropy_with_logits, which is log-softmax + NLL, unclipped.
    /// </summary>
    public static Tensor Loss(string loss, KerasModel model, Tensor logits, Tensor labels, nn.Reduction reduction = nn.Reduction.Mean) =>
        (loss, model.OutputActivation) switch
        {
            ("categorical_crossentropy" or "sparse_categorical_crossentropy", Activation.Softmax) =>
                nn.functional.cross_entropy(logits, labels, reduction),
            _ => throw new NotSupportedException($"Loss '{loss}' on a {model.OutputActivation} output is not implemented yet."),
        };
}
