using Repro.Experiments;
using Repro.Reproduction.Results;

namespace Repro.Reproduction.Reporting;

/// <summary>
/// How far Repro's course lies from the one the report printed, epoch by epoch: for each printed value,
/// z = (printed − mean) / sd over Repro's seeds of the same run (the same fold of a cross-validation), the
/// distance in units of Repro's seed spread. Not a verdict: successive epochs of one run are not independent
/// draws, so the table shows the distances and the largest, and leaves judging to the end-of-training numbers.
/// </summary>
internal sealed record CourseDistance(PrintedCourse Printed, ReproducedCourse Reproduced, IReadOnlyList<CourseDistance.Point> Points)
{
    /// <summary>One printed value against Repro's seeds at its epoch; <see cref="Z"/> is null where they have fewer than two values or no spread.</summary>
    public sealed record Point(int Epoch, string Quantity, double PrintedValue, Statistics.Sample? Seeds)
    {
        public double? Z => Seeds is { Count: >= 2, StandardDeviation: > 0 } seeds ? (PrintedValue - seeds.Mean) / seeds.StandardDeviation : null;
    }

    /// <summary>Null when the report printed no log for the experiment or it has no full result.</summary>
    public static CourseDistance? Of(Experiment experiment, ResultFile? result)
    {
        if (experiment.PrintedCourse is not { } printed || result is null) return null;
        var reproduced = ReproducedCourse.Of(result.Runs.Where(run => run.Fold == printed.Fold));
        var points = printed.Epochs
            .SelectMany(epoch => epoch.Values.Select(value => new Point(epoch.Epoch, value.Name, value.Value, reproduced.At(epoch.Epoch, value.Name))))
            .ToList();
        return new CourseDistance(printed, reproduced, points);
    }

    /// <summary>Which of Repro's runs the printed log is set against.</summary>
    public string RunsCompared => Printed.Fold is { } fold ? $"fold {fold} of every seed" : "every seed";

    /// <summary>"loss: median |z| 1.2, largest 3.4 at epoch 1": one clause per quantity that has distances, in log order.</summary>
    public string Summary()
    {
        var clauses = EpochQuantities.All.Select(quantity =>
        {
            var measured = Points.Where(point => point.Quantity == quantity && point.Z is not null).ToList();
            if (measured.Count == 0) return null;
            var largest = measured.MaxBy(point => Math.Abs(point.Z!.Value))!;
            var median = Median(measured.Select(point => Math.Abs(point.Z!.Value)).ToList());
            return $"{quantity}: median |z| {TableNumber.Statistic(median)}, largest {TableNumber.Statistic(largest.Z!.Value)} at epoch {largest.Epoch}";
        }).OfType<string>().ToList();
        return clauses.Count == 0
            ? "no distance: Repro's seeds give fewer than two values (or no spread) at the printed epochs"
            : string.Join("; ", clauses);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }
}
