using Repro.Experiments;
using Repro.Reproduction.Keras;
using Repro.Torch;

namespace Repro.Reproduction.Training;

/// <summary>
/// One optimizer step on one batch, as Keras's train_step does it (the loss includes every
/// regularisation penalty; the optimizer sets its scheduled rate itself); shared by the trainer and
/// `repro bench` so the benchmark times exactly the code that trains the experiments.
/// Call inside a dispose scope: every intermediate tensor belongs to it.
/// </summary>
public static class TrainingStep
{
    /// <returns>The batch loss and the number of correct predictions.</returns>
    public static (double Loss, long Correct) Run(KerasModel model, torch.optim.Optimizer optimizer, TrainingSpec spec, Tensor images, Tensor labels)
    {
        optimizer.zero_grad();
        var (loss, logits) = KerasTraining.Objective(spec, model, images, labels);
        loss.backward();
        optimizer.step();
        return (loss.ToDouble(), logits.argmax(1).eq(labels).sum().ToInt64());
    }
}
