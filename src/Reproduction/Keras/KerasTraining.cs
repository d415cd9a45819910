using Repro.Experiments;
using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Keras;

/// <summary>Maps an experiment's Keras optimizer, schedule and loss onto Repro's implementations.</summary>
public static class KerasTraining
{
    /// <summary>
    /// The optimizer a Keras compile() got by name (keras/optimizers/__init__.py get; names are
    /// case-insensitive there, so "SGD" and "sgd" are the same), with every argument the spec
    /// leaves null at that optimizer's Keras default. A schedule becomes the optimizer's own: it sets
    /// the rate of every step from the steps already taken.
    /// </summary>
    public static optim.Optimizer Optimizer(OptimizerSpec spec, KerasModel model)
    {
        var parameters = model.TrainableParameters.ToArray();
        double Rate(double keras) => spec.LearningRate ?? keras;
        optim.Optimizer optimizer = spec.Name.ToLowerInvariant() switch
        {
            "sgd" => new KerasSgd(parameters, Rate(KerasSgd.DefaultLearningRate), spec.Momentum ?? 0, spec.Nesterov ?? false),
            "rmsprop" => new KerasRmsprop(parameters, Rate(KerasRmsprop.DefaultLearningRate), spec.Rho ?? KerasRmsprop.DefaultRho,
                spec.Momentum ?? 0, spec.Epsilon ?? KerasRmsprop.DefaultEpsilon, spec.Centered ?? false),
            "adagrad" => new KerasAdagrad(parameters, Rate(KerasAdagrad.DefaultLearningRate),
                spec.InitialAccumulatorValue ?? KerasAdagrad.DefaultInitialAccumulator, spec.Epsilon ?? KerasAdagrad.DefaultEpsilon),
            "adadelta" => new KerasAdadelta(parameters, Rate(KerasAdadelta.DefaultLearningRate), spec.Rho ?? KerasAdadelta.DefaultRho,
                spec.Epsilon ?? KerasAdadelta.DefaultEpsilon),
            "adam" => new KerasAdam(parameters, Rate(KerasAdam.DefaultLearningRate), spec.Beta1 ?? KerasAdam.DefaultBeta1, spec.Beta2 ?? KerasAdam.DefaultBeta2,
                spec.Epsilon ?? KerasAdam.DefaultEpsilon),
            "adamax" => new KerasAdamax(parameters, Rate(KerasAdamax.DefaultLearningRate), spec.Beta1 ?? KerasAdam.DefaultBeta1, spec.Beta2 ?? KerasAdam.DefaultBeta2,
                spec.Epsilon ?? KerasAdamax.DefaultEpsilon),
            // Keras 2's Nadam raises ValueError for a LearningRateSchedule (keras/optimizer_v2/nadam.py __init__).
            "nadam" when spec.Schedule is not null => throw new NotSupportedException("Keras 2's Nadam does not accept a learning-rate schedule."),
            "nadam" => new KerasNadam(parameters, Rate(KerasNadam.DefaultLearningRate), spec.Beta1 ?? KerasAdam.DefaultBeta1, spec.Beta2 ?? KerasAdam.DefaultBeta2,
                spec.Epsilon ?? KerasNadam.DefaultEpsilon),
            _ => throw new NotSupportedException($"Optimizer '{spec.Name}' is not implemented yet."),
        };
        if (spec.Schedule is { } schedule) optimizer.Schedule = step => LearningRateAt(schedule, step);
        return optimizer;
    }

    /// <summary>
    /// keras.optimizers.schedules.ExponentialDecay.__call__ (keras/optimizers/schedules/learning_rate_schedule.py):
    /// initial · rate^p with p = step/decay_steps, floored when staircase.
    /// </summary>
    public static double LearningRateAt(ExponentialDecay schedule, long step)
    {
        var p = (double)step / schedule.DecaySteps;
        if (schedule.Staircase) p = Math.Floor(p);
        return schedule.InitialLearningRate * Math.Pow(schedule.DecayRate, p);
    }

    /// <summary>
    /// The batch loss (mean over the batch, or the sum, or per sample) from the model's logits and
    /// integer labels, with one-hot targets for the non-cross-entropy losses.
    /// categorical_crossentropy on a softmax output: TensorFlow's Keras takes the softmax's cached
    /// logits and calls softmax_cross_entropy_with_logits, which is log-softmax + NLL, unclipped.
    /// Regularisation is not included; see <see cref="Objective"/>.
    /// </summary>
    public static Tensor Loss(string loss, KerasModel model, Tensor logits, Tensor labels, nn.Reduction reduction = nn.Reduction.Mean) =>
        KerasLosses.Compute(loss, model.OutputActivation, logits, labels, reduction);

    /// <summary><see cref="Loss(string, KerasModel, Tensor, Tensor, nn.Reduction)"/> with the label encoding the report used.</summary>
    public static Tensor Loss(string loss, KerasModel model, Tensor logits, Tensor labels, LabelEncoding encoding, nn.Reduction reduction = nn.Reduction.Mean) =>
        KerasLosses.Compute(loss, model.OutputActivation, logits, labels, reduction, encoding);

    /// <summary>
    /// The loss Keras trains on and reports for one batch: the compiled loss averaged over the batch
    /// plus every regularisation loss (weight penalties and activity penalties, the latter as the
    /// training's Keras generation scales them: <see cref="KerasModel.Forward"/>), as
    /// keras/engine/compile_utils.py LossesContainer.__call__ adds them. Keras's fit() and
    /// evaluate() average this per-batch value over the batches weighted by batch size, so an
    /// evaluation that sums over samples should add Total·count per batch.
    /// </summary>
    public static (Tensor Total, Tensor Logits) Objective(TrainingSpec spec, KerasModel model, Tensor input, Tensor labels)
    {
        var (logits, activity) = model.Forward(input, spec.Keras);
        var total = KerasLosses.Compute(spec.Loss, model.OutputActivation, logits, labels, nn.Reduction.Mean, spec.Labels);
        if (model.IsRegularized) total = total + activity + model.RegularizationLoss();
        return (total, logits);
    }
}
