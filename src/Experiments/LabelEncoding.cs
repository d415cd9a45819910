namespace Repro.Experiments;

/// <summary>
/// How class labels reach a non-cross-entropy Keras loss. <see cref="OneHot"/>: one column per
/// class. <see cref="IntegerBroadcast"/>: the integer label itself, shape (N,) or (N, 1), which
/// Keras expands to (N, 1) and broadcasts against every output column (report 002's loss sweep).
/// </summary>
public enum LabelEncoding { OneHot, IntegerBroadcast }
