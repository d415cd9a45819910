using static Repro.Torch.torch.nn;

namespace Repro.Torch.Tests.Reference;

// PyTorch's activation modules, which the parity tests put between layers; Repro applies Keras's activations itself.

public sealed class ReLU() : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => input.relu();
}

public sealed class Tanh() : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => input.tanh();
}

public sealed class Sigmoid() : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => input.sigmoid();
}

public sealed class LogSoftmax(long dim) : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => input.log_softmax(dim);
}

public sealed class Softmax(long dim) : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => input.softmax(dim);
}
