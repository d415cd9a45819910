namespace Repro.Experiments;

/// <summary>
/// keras.optimizers.schedules.ExponentialDecay: lr = initial · rate^(step / decay_steps), the
/// exponent floored when <paramref name="Staircase"/>; step is the optimizer's iteration count.
/// </summary>
public sealed record ExponentialDecay(double InitialLearningRate, long DecaySteps, double DecayRate, bool Staircase = false);
