namespace Repro.Reproduction.Gate;

/// <summary>
/// A baseline (or received) file is missing or malformed. The message names the file, what is
/// wrong and what to do; the gate reports it as a failure, never as a pass.
/// </summary>
public sealed class BaselineException : Exception
{
    public BaselineException(string message)
        : base(message)
    {
    }

    public BaselineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
