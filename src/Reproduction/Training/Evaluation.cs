using Repro.Reproduction.Keras;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Training;

/// <summary>Keras evaluate(): mean loss and accuracy over a set in batches, plus every prediction.</summary>
public sealed record Evaluation(double Loss, double Accuracy, long[] Predictions, long[] Labels)
{
    public static Evaluation Run(KerasModel model, string loss, LabelledImages data, int batchSize)
    {
        model.Logits.eval();
        using var _ = no_grad();
        double lossSum = 0;
        var predictions = new List<long>((int)data.Count);
        for (long start = 0; start < data.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(batchSize, data.Count - start);
            var logits = model.Logits.call(data.Images.narrow(0, start, count));
            lossSum += KerasTraining.Loss(loss, model, logits, data.Labels.narrow(0, start, count), nn.Reduction.Sum).ToDouble();
            predictions.AddRange(logits.argmax(1).data<long>());
        }
        var labels = data.Labels.data<long>();
        var correct = predictions.Where((p, i) => p == labels[i]).Count();
        return new Evaluation(lossSum / data.Count, (double)correct / data.Count, predictions.ToArray(), labels);
    }
}
