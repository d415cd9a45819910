using System.Globalization;

namespace Repro.Reproduction.Runs;

/// <summary>
/// Part <see cref="Number"/> of <see cref="Count"/> of a batch's trainings (1-based, as `--shard K/N` and
/// `sbatch --array=1-N` count), which one machine trains; <see cref="ShardSplit"/> decides which trainings.
/// </summary>
public sealed record Shard(int Number, int Count)
{
    /// <summary>The variable that names the shard explicitly, as K/N.</summary>
    public const string Variable = "REPRO_SHARD";

    /// <summary>The shard count that goes with a Kubernetes indexed Job's 0-based JOB_COMPLETION_INDEX (Kubernetes sets no count).</summary>
    public const string CountVariable = "REPRO_SHARD_COUNT";

    public override string ToString() => $"{Number}/{Count}";

    /// <summary>Reads K/N.</summary>
    /// <exception cref="ArgumentException">Not K/N with 1 ≤ K ≤ N; the message says what is wrong.</exception>
    public static Shard Parse(string text, string source)
    {
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                              || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            throw new ArgumentException($"{source} '{text}' is not K/N (shard K of N, both whole numbers, e.g. 2/4).");
        return Of(number, count, $"{source} '{text}'");
    }

    /// <summary>
    /// The shard the scheduler's environment names, or null when it names none: <see cref="Variable"/> (K/N), else a Slurm
    /// job array's SLURM_ARRAY_TASK_ID counted from SLURM_ARRAY_TASK_MIN (1 when unset) with SLURM_ARRAY_TASK_COUNT, else a
    /// Kubernetes indexed Job's JOB_COMPLETION_INDEX (0-based) with <see cref="CountVariable"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A variable is set but does not name a shard.</exception>
    public static Shard? FromEnvironment(Func<string, string?> variable)
    {
        if (variable(Variable) is { Length: > 0 } explicitShard) return Parse(explicitShard, Variable);
        if (variable("SLURM_ARRAY_TASK_ID") is { Length: > 0 } task && variable("SLURM_ARRAY_TASK_COUNT") is { Length: > 0 } tasks)
        {
            var first = variable("SLURM_ARRAY_TASK_MIN") is { Length: > 0 } min ? Whole("SLURM_ARRAY_TASK_MIN", min) : 1;
            return Of(Whole("SLURM_ARRAY_TASK_ID", task) - first + 1, Whole("SLURM_ARRAY_TASK_COUNT", tasks),
                $"SLURM_ARRAY_TASK_ID {task} (from {first}) of SLURM_ARRAY_TASK_COUNT {tasks}");
        }

        if (variable("JOB_COMPLETION_INDEX") is not { Length: > 0 } index) return null;
        if (variable(CountVariable) is not { Length: > 0 } count)
            throw new ArgumentException($"JOB_COMPLETION_INDEX is {index}, but {CountVariable} is not set: set it to the Job's completions (the number of shards).");
        return Of(Whole("JOB_COMPLETION_INDEX", index) + 1, Whole(CountVariable, count), $"JOB_COMPLETION_INDEX {index} (0-based) of {CountVariable} {count}");
    }

    private static Shard Of(int number, int count, string source)
    {
        if (count < 1) throw new ArgumentException($"{source}: the number of shards must be at least 1.");
        if (number < 1 || number > count) throw new ArgumentException($"{source}: shard {number} does not exist; shards of {count} are numbered 1 to {count}.");
        return new Shard(number, count);
    }

    private static int Whole(string name, string value) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
        ? number
        : throw new ArgumentException($"{name} is '{value}', not a whole number.");
}
