using System.Text.RegularExpressions;
using Repro.Experiments.Definitions;

namespace Repro.Experiments;

/// <summary>Every experiment Repro knows, by id, grouped by report. Each report contributes its own file under Definitions/.</summary>
public static class ExperimentRegistry
{
    /// <summary>The reports in order; report 000 is an earlier conversion of 001 and has no experiments of its own.</summary>
    public static IReadOnlyList<ReportDefinition> Reports { get; } =
        [Report001.Definition, Report002.Definition, Report003.Definition, Report004.Definition];

    public static IReadOnlyList<Experiment> All { get; } = Reports.SelectMany(r => r.Experiments).ToList();

    /// <summary>Every model the reports defined, with the parameter counts they printed.</summary>
    public static IReadOnlyList<Architecture> Architectures { get; } =
        [.. Report001.Architectures, .. Report002.Architectures, .. Report003.Architectures, .. Report004.Architectures];

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
