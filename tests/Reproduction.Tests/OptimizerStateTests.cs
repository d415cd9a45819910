using Repro.Reproduction.Keras;
using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Tests;

/// <summary>
/// Every Keras optimizer's saved state, loaded into a fresh optimizer over the saved parameters,
/// continues the updates bit for bit: 3 steps, save, 4 more in a new optimizer equal 7 straight steps.
/// </summary>
public class OptimizerStateTests
{
    private static readonly (string Name, Func<IEnumerable<nn.Parameter>, optim.Optimizer> Create)[] Optimizers =
    [
        ("sgd with nesterov momentum", p => new KerasSgd(p, 0.1, momentum: 0.9, nesterov: true)),
        ("centered rmsprop with momentum", p => new KerasRmsprop(p, 0.01, momentum: 0.5, centered: true)),
        ("adagrad", p => new KerasAdagrad(p, 0.1)),
        ("adadelta", p => new KerasAdadelta(p, 1.0)),
        ("adam", p => new KerasAdam(p, 0.01)),
        ("adamax", p => new KerasAdamax(p, 0.01)),
        ("nadam", p => new KerasNadam(p, 0.01)),
    ];

    private static IEnumerable<TestCaseData> Cases() => Optimizers.Select(o => new TestCaseData(o.Create).SetArgDisplayNames(o.Name));

    [TestCaseSource(nameof(Cases))]
    public void A_restored_optimizer_continues_bit_for_bit(Func<IEnumerable<nn.Parameter>, optim.Optimizer> create)
    {
        var straight = KerasOptimizerHarness.Train(create, steps: 7);

        optim.OptimizerState? saved = null;
        var halfway = KerasOptimizerHarness.Train(create, steps: 3, afterLastStep: o => saved = o.state_dict());
        var resumed = KerasOptimizerHarness.Train(halfway.Select(v => (double)v).ToArray(), KerasOptimizerHarness.Gradients, parameters =>
        {
            var optimizer = create(parameters);
            optimizer.load_state_dict(saved!);
            return optimizer;
        }, steps: 4);

        Assert.That(resumed, Is.EqualTo(straight));
    }

    [Test]
    public void The_state_of_another_kind_of_optimizer_is_refused()
    {
        optim.OptimizerState? adam = null;
        KerasOptimizerHarness.Train(p => new KerasAdam(p), steps: 1, afterLastStep: o => adam = o.state_dict());

        Assert.That(() => KerasOptimizerHarness.Train(parameters =>
        {
            var sgd = new KerasSgd(parameters, momentum: 0.9);
            sgd.load_state_dict(adam!);
            return sgd;
        }, steps: 1), Throws.ArgumentException.With.Message.Contains("another optimizer"));
    }
}
