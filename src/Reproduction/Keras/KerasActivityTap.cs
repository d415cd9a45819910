using Repro.Experiments;

namespace Repro.Reproduction.Keras;

/// <summary>
/// Where a layer with an activity_regularizer ends in the model's module list: the output of
/// module <paramref name="ModuleIndex"/>, passed through the model's output activation first when
/// the layer is the last one (whose activation the module list leaves out).
/// </summary>
public sealed record KerasActivityTap(int ModuleIndex, Regularizer Regularizer, bool IsModelOutput);
