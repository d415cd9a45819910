namespace Repro.Reproduction.Runs;

/// <summary>
/// Splits a batch's trainings into shards, by training: a family (the runs one training serves: identical keys, and
/// shorter epoch counts of the same run) goes to one shard whole, so no training happens twice. Longest estimated first
/// (<see cref="TimeEstimate"/>), each to the shard with the least estimated work so far (the lowest number on a tie), which
/// keeps the shards within one training of each other. Stable: the order depends only on the estimates and on the runs'
/// keys without the engine, so every machine, whatever its engine, computes the same split of the same plan.
/// </summary>
public static class ShardSplit
{
    /// <summary>The 1-based shard of each family, in the order given.</summary>
    /// <param name="families">Each family's runs; its longest run is its training.</param>
    /// <param name="count">The number of shards.</param>
    public static int[] Assign(IReadOnlyList<IReadOnlyList<TrainingRun>> families, int count)
    {
        var shards = new int[families.Count];
        var load = new double[count];
        var order = Enumerable.Range(0, families.Count)
            .Select(i => (Index: i, Training: Training(families[i])))
            .OrderByDescending(f => Cost(f.Training))
            .ThenBy(f => f.Training.CheckpointKey, StringComparer.Ordinal);
        foreach (var (index, training) in order)
        {
            var lightest = Array.IndexOf(load, load.Min());
            load[lightest] += Cost(training);
            shards[index] = lightest + 1;
        }

        return shards;
    }

    /// <summary>The run a family trains: its longest.</summary>
    public static TrainingRun Training(IReadOnlyList<TrainingRun> family) => family.MaxBy(r => r.Epochs)!;

    /// <summary>The estimated seconds of one training of <paramref name="run"/>.</summary>
    public static double Cost(TrainingRun run) => TimeEstimate.Of(run.Experiment).TotalSeconds / TimeEstimate.TrainingsPerSeed(run.Experiment);
}
