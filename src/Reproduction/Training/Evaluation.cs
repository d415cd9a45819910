using Repro.Experiments;
using Repro.Reproduction.Inputs;
using Repro.Reproduction.Keras;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Training;

/// <summary>
/// Keras evaluate(): loss and accuracy over a set in batches, plus every prediction. The loss per
/// batch includes regularisation, as Keras reports it, and batches are weighted by their size.
/// </summary>
public sealed record Evaluation(double Loss, double Accuracy, long[] Predictions, long[] Labels)
{
    public static Evaluation Run(KerasModel model, TrainingSpec spec, LabelledImages data)
    {
        model.Network.eval();
        using var _ = no_grad();
        double lossSum = 0;
        var predictions = new List<long>((int)data.Count);
        for (long start = 0; start < data.Count; start += spec.EvaluationBatchSize)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(spec.EvaluationBatchSize, data.Count - start);
            var (loss, logits) = KerasTraining.Objective(spec, model, data.Images.narrow(0, start, count), data.Labels.narrow(0, start, count));
            lossSum += loss.ToDouble() * count;
            predictions.AddRange(logits.argmax(1).data<long>());
        }
        var labels = data.Labels.data<long>();
        var correct = predictions.Where((p, i) => p == labels[i]).Count();
        return new Evaluation(lossSum / data.Count, (double)correct / data.Count, predictions.ToArray(), labels);
    }
}
