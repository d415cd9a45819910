using static Repro.Torch.torch;

namespace Repro.Torch.Tests.Parity;

/// <summary>
/// Elementwise activations have no reduction, only the roundings of one formula (u = 2⁻²⁴, a transcendental
/// counts 4, see <see cref="Tolerance"/>):
/// ReLU selects, forward and backward: exact.
/// tanh: 4 on |y|. Its gradient g·(1 − y²): y² carries 2·4 + 1 on y², 1 − y² one more on |1 − y²|, the
/// product one on the result, ≤ 9u·|g| in all since |y| ≤ 1.
/// sigmoid = 1/(1 + exp(−x)): 4 + 1 + 1 on |y|. Its gradient g·(1 − y)·y: ≤ u·|g|·y·(6y + 9(1 − y)) ≤ 9u·|g|·y.
/// softmax and log_softmax reduce over the classes: <see cref="SoftmaxTolerances"/>.
/// </summary>
internal static class ActivationTolerances
{
    public static Dictionary<string, Tolerance> Of(Fixture f)
    {
        using var scope = NewDisposeScope();
        var (x, g) = Doubles.InputAndUpstreamMagnitude(f);
        var rows = new SoftmaxTolerances(x);
        var (output, inputGrad) = f.String("function") switch
        {
            "relu" => (Tolerance.Exact, Tolerance.Exact),
            "tanh" => (Elementwise(4, x.tanh().abs()), Elementwise(9, g)),
            "sigmoid" => (Elementwise(6, x.sigmoid()), Elementwise(9, g * x.sigmoid())),
            "softmax" => (rows.Softmax(), rows.SoftmaxBackward(g)),
            "log_softmax" => (rows.LogSoftmax(), rows.LogSoftmaxBackward(g)),
            var other => throw new AssertionException($"no tolerance for activation {other}"),
        };
        return new() { ["output"] = output, ["input_grad"] = inputGrad };
    }

    private static Tolerance Elementwise(long roundings, Tensor magnitude) =>
        Tolerance.Of(ErrorTerm.Elementwise(roundings, Doubles.Values(magnitude)));
}
