using Repro.Torch.Tests.Reference;
using static Repro.Torch.torch;

namespace Repro.Torch.Tests.Parity;

/// <summary>Each loss and reduction against PyTorch: the loss value and the gradient with respect to the input.</summary>
public class LossParityTests
{
    private static IEnumerable<string> Losses() => Fixture.Named("loss");

    [TestCaseSource(nameof(Losses))]
    public void Loss_and_input_gradient_match_PyTorch(string name)
    {
        var f = Fixture.Load(name);
        var tolerances = LossTolerances.Of(f);
        using var scope = NewDisposeScope();
        var x = f.Tensor("input");
        x.requires_grad = true;
        var target = f.Tensor("target");
        var reductionName = f.String("reduction");
        var reduction = reductionName switch
        {
            "none" => nn.Reduction.None,
            "sum" => nn.Reduction.Sum,
            _ => nn.Reduction.Mean,
        };
        var loss = f.String("loss") switch
        {
            "cross_entropy" => nn.functional.cross_entropy(x, target, reduction),
            "nll_loss" => PyTorchLosses.nll_loss(x, target, reduction),
            "mse_loss" => PyTorchLosses.mse_loss(x, target, reduction),
            "kl_div" => PyTorchLosses.kl_div(x, target, reductionName),
            var other => throw new AssertionException($"no binding for loss {other}"),
        };
        Parity.AssertClose(loss, f, "output", tolerances["output"]);
        if (loss.dim() == 0) loss.backward();
        else (loss * f.Tensor("upstream")).sum().backward();
        Parity.AssertClose(x.grad, f, "input_grad", tolerances["input_grad"]);
    }
}
