using Repro.Reproduction.Statistics;

namespace Repro.Reproduction.Gate;

/// <summary>Compares a result's values of one metric with the baseline's, in the mode the engines call for.</summary>
public static class MetricComparison
{
    public static MetricCheck Check(string name, BaselineMetric baseline, IReadOnlyList<double> received, bool sameEngine)
    {
        if (received.Count == 0) return new MetricCheck(name, Mode(baseline, sameEngine), Allowed(baseline, sameEngine), "missing (the result lacks the metric)", false);
        if (sameEngine) return Exact(name, baseline, received);
        return baseline switch
        {
            IntervalMetric d => Statistical(name, d, received[0]),
            TraceMetric t => Rounding(name, t, received),
            _ => throw new ArgumentOutOfRangeException(nameof(baseline)),
        };
    }

    private static GateMode Mode(BaselineMetric baseline, bool sameEngine) =>
        sameEngine ? GateMode.Exact : baseline is IntervalMetric ? GateMode.Statistical : GateMode.Rounding;

    private static string Allowed(BaselineMetric baseline, bool sameEngine) => (baseline, sameEngine) switch
    {
        (_, true) => $"{Values(baseline.Exact)} exactly (same platform)",
        (IntervalMetric d, _) => $"[{MetricCheck.Number(d.Interval.Low)}, {MetricCheck.Number(d.Interval.High)}] ({d.Basis})",
        (TraceMetric t, _) => $"{Values(t.Values)} within relative {MetricCheck.Number(t.RelativeTolerances.Max())}",
        _ => "",
    };

    private static MetricCheck Exact(string name, BaselineMetric baseline, IReadOnlyList<double> received)
    {
        var expected = baseline.Exact;
        var excess = expected.Count != received.Count
            ? $"{received.Count} values for {expected.Count}"
            : Enumerable.Range(0, expected.Count).FirstOrDefault(i => !expected[i].Equals(received[i]), -1) is var first and >= 0
                ? $"first difference at {first}: {MetricCheck.Number(received[first] - expected[first])}"
                : null;
        return new MetricCheck(name, GateMode.Exact, Allowed(baseline, true), Values(received), excess is null, excess);
    }

    private static MetricCheck Statistical(string name, IntervalMetric baseline, double received)
    {
        var passed = double.IsFinite(received) && baseline.Interval.Contains(received);
        var excess = passed ? null : double.IsFinite(received)
            ? $"{MetricCheck.Number(baseline.Interval.Excess(received))} {(received < baseline.Interval.Low ? "below" : "above")}"
            : "not a finite number";
        return new MetricCheck(name, GateMode.Statistical, Allowed(baseline, false), MetricCheck.Number(received), passed, excess);
    }

    private static MetricCheck Rounding(string name, TraceMetric baseline, IReadOnlyList<double> received)
    {
        if (received.Count != baseline.Values.Count)
        {
            return new MetricCheck(name, GateMode.Rounding, Allowed(baseline, false), Values(received), false, $"{received.Count} values for {baseline.Values.Count}");
        }

        var ratios = baseline.Values.Select((expected, i) => Math.Abs(received[i] - expected) / (baseline.RelativeTolerances[i] * Math.Abs(expected))).ToList();
        var worst = ratios.IndexOf(ratios.Max());
        var passed = ratios.All(r => r <= 1);
        var relative = Math.Abs(received[worst] - baseline.Values[worst]) / Math.Abs(baseline.Values[worst]);
        return new MetricCheck(name, GateMode.Rounding, Allowed(baseline, false), Values(received), passed,
            passed ? null : $"value {worst + 1} differs by relative {MetricCheck.Number(relative)}, {MetricCheck.Number(ratios[worst])} × its tolerance");
    }

    private static string Values(IReadOnlyList<double> values) =>
        values.Count == 1 ? MetricCheck.Number(values[0]) : $"[{string.Join(", ", values.Take(4).Select(MetricCheck.Number))}{(values.Count > 4 ? $", … {values.Count} values" : "")}]";
}
