namespace Repro.Torch;

public static partial class torch
{
    public static partial class optim
    {
        /// <summary>
        /// Everything an optimizer carries from one step to the next, as plain arrays: restoring it into a
        /// fresh optimizer over the same parameters continues the updates bit for bit.
        /// </summary>
        /// <param name="StepCount">Completed steps.</param>
        /// <param name="ParameterSteps">Steps each parameter has taken.</param>
        /// <param name="Slots">Per state slot (m, v, …), per parameter: its values, or null when not yet created.</param>
        /// <param name="Scalars">State an optimizer keeps outside tensors (Nadam's momentum schedule).</param>
        public sealed record OptimizerState(long StepCount, long[] ParameterSteps, float[]?[][] Slots, double[] Scalars);
    }
}
