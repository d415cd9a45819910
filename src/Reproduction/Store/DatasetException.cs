namespace Repro.Reproduction.Store;

/// <summary>
/// A dataset file is missing, corrupt, unreadable or could not be fetched. The message is meant for the person
/// at the terminal: it names the file, says what is wrong and what to do, so callers print it without a stack trace.
/// </summary>
public sealed class DatasetException : Exception
{
    public DatasetException(string message)
        : base(message)
    {
    }

    public DatasetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
