using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Keras;

/// <summary>
/// Nadam as Keras 2 computes it (keras/optimizer_v2/nadam.py, _prepare_local and
/// _resource_apply_dense; Keras 3's keras/optimizers/nadam.py update_step is the same schedule),
/// lr 1e-3, β 0.9/0.999, ε 1e-7, with Dozat's momentum cache decaying by 0.96^(0.004·t):
///   μ_t = β1·(1 − ½·0.96^(0.004·t)),  μ_{t+1} likewise;  Π_t = Π_{t−1}·μ_t (Π_0 = 1), once per step;
///   ĝ = g/(1 − Π_t);  m ← β1·m + (1−β1)·g;  m̂ = m/(1 − Π_t·μ_{t+1});
///   v ← β2·v + (1−β2)·g²;  v̂ = v/(1 − β2ᵗ);  m̄ = (1 − μ_t)·ĝ + μ_{t+1}·m̂;  p ← p − lr·m̄/(√v̂ + ε).
/// The 0.004 is Keras 2's schedule_decay, stored as the optimizer's decay but never applied to lr.
/// </summary>
public sealed class KerasNadam : optim.Optimizer
{
    public const double DefaultLearningRate = 1e-3, DefaultEpsilon = 1e-7, ScheduleDecay = 0.004, DecayBase = 0.96;

    private readonly double beta1, beta2, epsilon;
    private readonly Tensor?[] m, v;
    private double momentumSchedule = 1;
    private long scheduledStep;

    public KerasNadam(IEnumerable<nn.Parameter> parameters, double learningRate = DefaultLearningRate, double beta1 = KerasAdam.DefaultBeta1, double beta2 = KerasAdam.DefaultBeta2,
        double epsilon = DefaultEpsilon)
        : base(parameters, learningRate)
    {
        (this.beta1, this.beta2, this.epsilon) = (beta1, beta2, epsilon);
        m = new Tensor?[Parameters.Count];
        v = new Tensor?[Parameters.Count];
    }

    private double MomentumAt(long step) => beta1 * (1 - 0.5 * Math.Pow(DecayBase, ScheduleDecay * step));

    protected override IReadOnlyList<Tensor?[]> StateSlots => [m, v];

    protected override double[] ScalarState
    {
        get => [momentumSchedule, scheduledStep];
        set => (momentumSchedule, scheduledStep) = (value[0], (long)value[1]);
    }

    protected override void Update(int index, nn.Parameter parameter, Tensor grad)
    {
        var t = StepCount;
        var mu = MomentumAt(t);
        var muNext = MomentumAt(t + 1);
        // Keras updates its momentum_cache variable once per step, before any parameter.
        if (scheduledStep != t)
        {
            momentumSchedule *= mu;
            scheduledStep = t;
        }
        var scheduleNext = momentumSchedule * muNext;

        var first = m[index] ??= NewState(parameter);
        var second = v[index] ??= NewState(parameter);
        first.mul_(beta1).add_(grad, 1 - beta1);
        second.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
        var gPrime = grad * ((1 - mu) / (1 - momentumSchedule));
        var mBar = gPrime + first * (muNext / (1 - scheduleNext));
        var vPrime = second / (1 - Math.Pow(beta2, t));
        parameter.addcdiv_(mBar, vPrime.sqrt() + epsilon, -LearningRate);
    }
}
