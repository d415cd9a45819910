using System.Globalization;

namespace Repro.Reproduction.Evidence;

/// <summary>
/// How far the CPU and a device may differ in a parity run, and why.
/// <para>
/// Both compute in float32 with TF32 off, from the same state, batches and dropout masks, so they differ only in how their
/// kernels order and block their sums. That is judged step by step, each step starting from the same state (the lockstep
/// of <see cref="TrainingParity"/>), because differences of training freely compound: on one CPU, the same 20 steps with
/// one libtorch thread against two (other reduction splits) agree in every lockstep loss bit for bit and in every
/// parameter within units in the last place (at most 6e-8), yet after 20 free steps their parameters differ by up to
/// 3.3e-3, about 3 learning rates, and report 004's losses by 7e-4 relative: each step's rounding moves the next step's
/// ReLU and max-pooling decisions and Adam's normalised updates. That drift is printed, not judged.
/// </para>
/// <para>
/// Losses: u = 2^-24 ≈ 6e-8 is float32's unit roundoff; a sum of n terms in another order differs by about √n·u relative
/// (n·u at worst, without cancellation). The longest sums of a step are report 004's batch statistics (16·28·28 = 12,544
/// values: √n·u ≈ 7e-6) and its dense layer (6,272 inputs: 5e-6); the loss passes through a few of them, so ≈ 1e-5, and
/// <see cref="LossRelative"/> allows ten times that for GPU algorithms that sum in other blockings or transform the
/// convolution (cuDNN's Winograd and FFT algorithms carry larger rounding). Measured: CPU kernel sets AVX2 against the
/// baseline ISA (ATEN_CPU_CAPABILITY=default, ONEDNN_MAX_CPU_ISA=SSE41, OPENBLAS_CORETYPE=Nehalem) differ by at most
/// 1.3e-7 in a first step's loss. A missing penalty, a wrongly scaled dropout mask or another normalisation changes a
/// loss by 1e-3 relative or more.
/// </para>
/// <para>
/// Parameters and buffers after each step: Adam moves every element by about one learning rate whatever its gradient's
/// size, so a rounding-sized change to a gradient near zero, or a path switched under rounding (a ReLU input at 0, a
/// max-pooling near-tie) can move a few elements by a visible part of a step; a different update rule or gradient moves
/// them by whole steps (Adam's bound is 3.2 learning rates). <see cref="UpdateFraction"/>: per tensor, the two results may
/// differ by at most half the largest change the step made to that tensor. Measured: the two CPU kernel sets' first steps
/// differ by at most 0.036 of it (report 004's dense kernel), most elements by units in the last place.
/// </para>
/// </summary>
public static class ParityTolerance
{
    /// <summary>The largest relative difference of a step's loss, both sides starting the step from the same state.</summary>
    public const double LossRelative = 1e-4;

    /// <summary>The largest difference of a tensor after a step, as a fraction of the largest change that step made to it.</summary>
    public const double UpdateFraction = 0.5;

    public sealed record Verdict(bool Passed, string Text);

    /// <summary>The CPU against a device: the lockstep judged, the free-running drift reported.</summary>
    /// <exception cref="ArgumentException">The outcome has no lockstep.</exception>
    public static Verdict Judge(TrainingParity.Outcome outcome)
    {
        var (losses, updates) = outcome.Lockstep ?? throw new ArgumentException("judging the CPU against a device needs the lockstep run");
        var passed = losses.MaxRelative <= LossRelative && updates.WorstFraction <= UpdateFraction;
        return new Verdict(passed,
            Text($"{outcome.Steps} steps each from the same state: losses max abs {losses.MaxAbsolute:G2}, max rel {losses.MaxRelative:G2}{At(losses.Where)} (allowed rel {LossRelative:G2}); ") +
            Text($"parameters max abs {updates.MaxAbsolute:G2}, at most {updates.WorstFraction:G2} of a step's largest update{At(updates.Where)} (allowed {UpdateFraction:G2}); ") +
            Text($"drift after {outcome.Steps} free steps (not judged): losses max rel {outcome.FreeLosses.MaxRelative:G2}, parameters max abs {outcome.FreeState.MaxAbsolute:G2}"));
    }

    /// <summary>Two runs on one device: every loss and every final parameter bit for bit.</summary>
    public static Verdict JudgeIdentical(TrainingParity.Outcome outcome) =>
        new(outcome.FreeLosses.IsNone && outcome.FreeState.IsNone,
            Text($"{outcome.Steps} free steps twice: losses max abs {outcome.FreeLosses.MaxAbsolute:G2}{At(outcome.FreeLosses.Where)}, ") +
            Text($"parameters max abs {outcome.FreeState.MaxAbsolute:G2}{At(outcome.FreeState.Where)} (allowed: none, bit for bit)"));

    private static string At(string? where) => where is null ? "" : $" at {where}";

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
