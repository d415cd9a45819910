using Repro.Experiments;

namespace Repro.Reproduction.Gate;

/// <summary>
/// The names of the metrics the gate compares for an experiment. Full profile: the test scores of a hold-out run, or
/// the fold statistics of a cross-validation, each against its distribution over seeds. Smoke
/// profile: what one epoch on 48 rows can assert on any machine, which is not an accuracy (a few
/// dozen rows after one epoch give near-chance scores that move by whole rows), but the losses
/// along the training steps and the evaluation loss after them, which change with any change of
/// initialisation, data, optimizer or loss.
/// </summary>
public static class GatedMetricNames
{
    /// <summary>The first seed's batch losses along its training steps, fold after fold.</summary>
    public const string StepLosses = "step_losses";

    public static IReadOnlyList<string> For(Experiment experiment, string profile) => profile == "smoke"
        ? [StepLosses, EvaluationLoss(experiment)]
        : experiment.Protocol is CrossValidation
            ? [MetricNames.CvMeanAccuracy, MetricNames.CvStdAccuracy, MetricNames.CvMeanLoss, MetricNames.CvMeanMacroF1]
            : [MetricNames.TestAccuracy, MetricNames.TestLoss, MetricNames.TestMacroF1];

    public static string EvaluationLoss(Experiment experiment) =>
        experiment.Protocol is CrossValidation ? MetricNames.CvMeanLoss : MetricNames.TestLoss;
}
