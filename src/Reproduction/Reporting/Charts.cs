using Repro.Experiments;
using Repro.Reproduction.Statistics;
using ScottPlot;

namespace Repro.Reproduction.Reporting;

/// <summary>
/// The web page's charts, drawn with ScottPlot and returned as SVG documents: Repro's seeds against the printed
/// number, the learning curves with the printed course over them, and a confusion matrix. Repro is blue, the
/// report orange, everywhere.
/// </summary>
internal static class Charts
{
    private static readonly Color Repro = Color.FromHex("#1f77b4");
    private static readonly Color Report = Color.FromHex("#e8590c");
    private const int Width = 560;

    /// <summary>A strip plot of Repro's seeds (one dot each, spread sideways by a fixed jitter) with the printed number as a line.</summary>
    public static string SeedStrip(string metric, Sample seeds, double printed)
    {
        var plot = NewPlot();
        var xs = seeds.Values.Select((_, i) => Jitter(i)).ToArray();
        var dots = plot.Add.Markers(xs, seeds.Values.ToArray(), MarkerShape.FilledCircle, 7, Repro.WithAlpha(0.8));
        dots.LegendText = $"Repro's seeds (n = {seeds.Count})";
        var mean = plot.Add.Line(-0.45, seeds.Mean, 0.45, seeds.Mean);
        mean.Color = Repro;
        mean.LineWidth = 2;
        mean.LegendText = "Repro's mean";
        var line = plot.Add.HorizontalLine(printed, 2, Report, LinePattern.Dashed);
        line.LegendText = $"printed {TableNumber.Format(printed)}";
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([0.0], [""]);
        plot.Axes.SetLimitsX(-1, 1);
        var low = Math.Min(seeds.Min, printed);
        var high = Math.Max(seeds.Max, printed);
        var margin = Math.Max((high - low) * 0.15, Math.Max(Math.Abs(high), 1e-3) * 1e-3);
        plot.Axes.SetLimitsY(low - margin, high + margin);
        plot.YLabel(metric);
        plot.ShowLegend(Edge.Bottom);
        return plot.GetSvgXml(300, 330);
    }

    /// <summary>
    /// One quantity pair (loss and val_loss, or accuracy and val_accuracy) per epoch: Repro's mean with a ±1 sd band
    /// over the runs given, and the printed values as markers on top.
    /// </summary>
    public static string LearningCurves(string title, ReproducedCourse reproduced, PrintedCourse? printed, string training, string validation)
    {
        var plot = NewPlot();
        foreach (var (quantity, pattern) in new[] { (training, LinePattern.Solid), (validation, LinePattern.Dashed) })
        {
            var points = reproduced.Epochs.Where(pair => pair.Quantities.ContainsKey(quantity))
                .Select(pair => (Epoch: (double)pair.Epoch, Sample: pair.Quantities[quantity])).ToList();
            if (points.Count > 0)
            {
                var xs = points.Select(point => point.Epoch).ToArray();
                var spread = points.Select(point => point.Sample.Count > 1 ? point.Sample.StandardDeviation : 0).ToArray();
                var means = points.Select(point => point.Sample.Mean).ToArray();
                var band = plot.Add.FillY(xs, means.Zip(spread, (m, s) => m - s).ToArray(), means.Zip(spread, (m, s) => m + s).ToArray());
                band.FillColor = Repro.WithAlpha(0.18);
                band.LineWidth = 0;
                var line = plot.Add.ScatterLine(xs, means);
                line.Color = Repro;
                line.LineWidth = 2;
                line.LinePattern = pattern;
                line.LegendText = $"Repro {quantity} (mean ± sd)";
            }

            var printedPoints = printed?.Epochs.SelectMany(epoch => epoch.Values.Where(value => value.Name == quantity).Select(value => (X: (double)epoch.Epoch, Y: value.Value))).ToList() ?? [];
            if (printedPoints.Count > 0)
            {
                var markers = plot.Add.Scatter(printedPoints.Select(point => point.X).ToArray(), printedPoints.Select(point => point.Y).ToArray());
                markers.Color = Report;
                markers.LineWidth = 1;
                markers.LinePattern = pattern;
                markers.MarkerSize = 6;
                markers.MarkerShape = quantity == training ? MarkerShape.FilledCircle : MarkerShape.OpenCircle;
                markers.LegendText = $"printed {quantity}";
            }
        }

        plot.Title(title, 13);
        plot.XLabel("epoch");
        // Losses fall and accuracies rise: the legend goes where the curves are not.
        plot.ShowLegend(training == EpochQuantities.Loss ? Alignment.UpperRight : Alignment.LowerRight);
        return plot.GetSvgXml(Width, 300);
    }

    /// <summary>The confusion matrix summed over the runs given, rows the true class, columns the predicted one, each cell its count.</summary>
    public static string ConfusionMatrix(long[][] counts, IReadOnlyList<string> classNames)
    {
        var classes = counts.Length;
        var plot = NewPlot();
        var share = new double[classes, classes];
        for (var row = 0; row < classes; row++)
        {
            var total = Math.Max(1, counts[row].Sum());
            for (var column = 0; column < classes; column++) share[row, column] = (double)counts[row][column] / total;
        }

        var map = plot.Add.Heatmap(share);
        // White for an empty cell to Repro's blue for a whole row; cells drawn as rectangles stay crisp at any zoom.
        map.Colormap = new ScottPlot.Colormaps.CustomInterpolated([Colors.White, Color.FromHex("#08306b")]);
        map.RenderStrategy = new ScottPlot.Plottables.Heatmap.RenderStrategies.Rectangles();
        map.ManualRange = new ScottPlot.Range(0, 1);
        for (var row = 0; row < classes; row++)
        {
            for (var column = 0; column < classes; column++)
            {
                var text = plot.Add.Text(counts[row][column].ToString(System.Globalization.CultureInfo.InvariantCulture), column, classes - 1 - row);
                text.LabelFontSize = 10;
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontColor = share[row, column] > 0.5 ? Colors.White : Colors.Black;
            }
        }

        var positions = Enumerable.Range(0, classes).Select(i => (double)i).ToArray();
        var names = Enumerable.Range(0, classes).Select(i => i < classNames.Count ? classNames[i] : i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, names);
        plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        // Room for the slanted names under the axis, so that they do not run into its label.
        plot.Axes.Bottom.MinimumSize = 30 + (5 * names.Max(name => name.Length));
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, names.Reverse().ToArray());
        plot.XLabel("predicted");
        plot.YLabel("true");
        plot.Axes.SetLimits(-0.5, classes - 0.5, -0.5, classes - 0.5);
        return plot.GetSvgXml(Width, 500);
    }

    private static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        return plot;
    }

    /// <summary>A fixed, evenly spread sideways offset for the i-th dot, so that equal values do not hide each other and the picture is the same every time.</summary>
    private static double Jitter(int index) => ((index * 0.618034) % 1.0 - 0.5) * 0.6;
}
