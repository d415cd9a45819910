using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Repro.Experiments;

/// <summary>
/// Every experiment Repro knows, by id, grouped by report. Each report contributes its own file under
/// Definitions/, a class implementing <see cref="IReportDefinitions"/>; nothing else names it.
/// </summary>
public static class ExperimentRegistry
{
    /// <summary>The reports of this assembly in report order; report 000 is an earlier conversion of 001 and has no experiments of its own.</summary>
    public static IReadOnlyList<ReportDefinition> Reports { get; } = Discover(typeof(ExperimentRegistry).Assembly);

    public static IReadOnlyList<Experiment> All { get; } = Reports.SelectMany(r => r.Experiments).ToList();

    /// <summary>Every model the reports defined, with the parameter counts they printed.</summary>
    public static IReadOnlyList<Architecture> Architectures { get; } = Reports.SelectMany(r => r.Architectures).ToList();

    /// <summary>The definitions of every <see cref="IReportDefinitions"/> class in the assemblies, ordered by report id.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The trimmed bundle (./build.sh Bundle) keeps this assembly whole (TrimmerRootAssembly in Repro.Reproduction.csproj), every definitions class included.")]
    public static IReadOnlyList<ReportDefinition> Discover(params IEnumerable<Assembly> assemblies)
    {
        var reports = assemblies.SelectMany(assembly => assembly.GetTypes())
            .Where(type => type is { IsClass: true, IsAbstract: false } && type.IsAssignableTo(typeof(IReportDefinitions)))
            .Select(type => (Type: type, Definition: DefinitionOf(type)))
            .OrderBy(report => report.Definition.Report, StringComparer.Ordinal)
            .ToList();
        var reportTwice = reports.GroupBy(report => report.Definition.Report).FirstOrDefault(group => group.Count() > 1);
        if (reportTwice is not null)
            throw new InvalidOperationException(
                $"Report {reportTwice.Key} is defined by {string.Join(" and ", reportTwice.Select(report => report.Type.Name))}: give each report definitions class its own report id.");
        var idTwice = reports.SelectMany(report => report.Definition.Experiments).GroupBy(e => e.Id).FirstOrDefault(group => group.Count() > 1);
        if (idTwice is not null)
            throw new InvalidOperationException(
                $"Experiment id {idTwice.Key} is defined {idTwice.Count()} times (reports {string.Join(", ", idTwice.Select(e => e.Source.Report))}): an id names a result folder and a baseline, so give each experiment its own.");
        return reports.Select(report => report.Definition).ToList();
    }

    private static ReportDefinition DefinitionOf(Type type) =>
        (ReportDefinition)typeof(ExperimentRegistry).GetMethod(nameof(DefinitionOfType), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type).Invoke(null, null)!;

    private static ReportDefinition DefinitionOfType<T>() where T : IReportDefinitions => T.Definition;

    public static Experiment Find(string id) =>
        All.FirstOrDefault(e => e.Id == id)
        ?? throw new UnknownExperimentException(id, All.Select(e => e.Id));

    public static ReportDefinition ReportOf(Experiment experiment) =>
        Reports.First(r => r.Report == experiment.Source.Report);

    /// <summary>Ids matching a glob with '*' and '?', in registry order; an exact id matches itself.</summary>
    public static IReadOnlyList<Experiment> Match(string pattern)
    {
        var regex = new Regex("^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$");
        var matches = All.Where(e => regex.IsMatch(e.Id)).ToList();
        return matches.Count > 0 ? matches : throw new UnknownExperimentException(pattern, All.Select(e => e.Id));
    }
}

public sealed class UnknownExperimentException(string requested, IEnumerable<string> known)
    : Exception($"No experiment matches '{requested}'. Known experiments: {Summarise(known.ToList())}. `repro list` shows them with their reports.")
{
    private static string Summarise(IReadOnlyList<string> ids) =>
        ids.Count <= 12 ? string.Join(", ", ids) : $"{string.Join(", ", ids.Take(12))} and {ids.Count - 12} more";
}
