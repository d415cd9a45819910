using Repro.Experiments.Definitions;

namespace Repro.Experiments;

/// <summary>Every experiment Repro knows, by id. Each report contributes its own file under Definitions/.</summary>
public static class ExperimentRegistry
{
    public static IReadOnlyList<Experiment> All { get; } = [.. Report003.Experiments];

    /// <summary>Every model the reports defined, with the parameter counts they printed.</summary>
    public static IReadOnlyList<Architecture> Architectures { get; } =
        [.. Report001.Architectures, .. Report002.Architectures, .. Report003.Architectures, .. Report004.Architectures];

    public static Experiment Find(string id) =>
        All.FirstOrDefault(e => e.Id == id)
        ?? throw new UnknownExperimentException(id, All.Select(e => e.Id));

    /// <summary>Ids matching a glob with '*' and '?', in registry order; an exact id matches itself.</summary>
    public static IReadOnlyList<Experiment> Match(string pattern)
    {
        var regex = new System.Text.RegularExpressions.Regex(
            "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$");
        var matches = All.Where(e => regex.IsMatch(e.Id)).ToList();
        return matches.Count > 0 ? matches : throw new UnknownExperimentException(pattern, All.Select(e => e.Id));
    }
}

public sealed class UnknownExperimentException(string requested, IEnumerable<string> known)
    : Exception($"No experiment matches '{requested}'. Known experiments: {string.Join(", ", known)}. `repro list` shows them with their reports.");
