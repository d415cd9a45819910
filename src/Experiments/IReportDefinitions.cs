namespace Repro.Experiments;

/// <summary>
/// A report's definitions file: the class that holds one report's experiments and models. Implementing
/// it is the whole registration; <see cref="ExperimentRegistry"/> finds every such class by discovery.
/// </summary>
public interface IReportDefinitions
{
    static abstract ReportDefinition Definition { get; }
}
