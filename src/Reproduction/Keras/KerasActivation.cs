using Repro.Experiments;
using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Keras;

/// <summary>
/// A Keras activation (keras/activations.py) as a module: relu, tanh, sigmoid, softmax over the
/// channel axis (Keras's axis −1 in channels-last is axis 1 here), linear = identity.
/// </summary>
public sealed class KerasActivation(Activation activation) : nn.Module<Tensor, Tensor>
{
    public Activation Activation { get; } = activation;

    public override Tensor forward(Tensor input) => Apply(input, Activation);

    public static Tensor Apply(Tensor input, Activation activation) => activation switch
    {
        Activation.Relu => input.relu(),
        Activation.Tanh => input.tanh(),
        Activation.Sigmoid => input.sigmoid(),
        Activation.Softmax => input.softmax(1),
        Activation.Linear => input,
        _ => throw new NotSupportedException($"Activation {activation} has no Repro implementation."),
    };
}
