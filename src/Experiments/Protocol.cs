namespace Repro.Experiments;

/// <summary>How an experiment's models are trained and scored: once on a hold-out split, or once per fold.</summary>
public abstract record Protocol;

/// <summary>fit() on the training part, then evaluate() on the test part: one training run per seed.</summary>
public sealed record HoldOut : Protocol;

/// <summary>
/// sklearn.model_selection.KFold(n_splits=Folds, shuffle=Shuffle, random_state=RandomState) over the
/// training part; a fresh model per fold, fit() on the fold's training rows and evaluate() on
/// <see cref="Scoring"/>. The experiment's result is the per-fold scores with their mean and
/// standard deviation (numpy's np.std, ddof 0), as the reports printed them.
/// </summary>
public sealed record CrossValidation(int Folds, bool Shuffle, int? RandomState, FoldScoring Scoring) : Protocol;

/// <summary>What each fold's model is evaluated on.</summary>
public enum FoldScoring
{
    /// <summary>The fold's held-out rows (reports 001 and 004).</summary>
    HeldOutFold,

    /// <summary>The dataset's test part (report 003's "evaluated on the test data").</summary>
    TestSet,
}
