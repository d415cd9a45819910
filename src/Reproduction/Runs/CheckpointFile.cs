using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Repro.Reproduction.Training;
using Repro.Torch;

namespace Repro.Reproduction.Runs;

/// <summary>
/// The bytes of a checkpoint: a magic string, a JSON manifest (everything but the tensors, with its
/// length before it), the tensors as raw little-endian float32 in the manifest's order, and a SHA-256
/// of all of that at the end. Reading verifies the hash before it believes a single byte.
/// </summary>
public static class CheckpointFile
{
    private static readonly byte[] Magic = "RPCKPT01"u8.ToArray();
    private const int HashBytes = 32;

    /// <param name="SlotCounts">Per optimizer slot and parameter: the element count, or null where the state does not exist yet.</param>
    private sealed record Manifest(string RunKey, string Engine, int Epoch, string[] ModelTensors, long[] ModelCounts,
        long StepCount, long[] ParameterSteps, long?[][] SlotCounts, double[] Scalars, byte[] Shuffling, byte[] Dropout,
        EarlyStopping.State? EarlyStopping, IReadOnlyList<EpochRecord> History, IReadOnlyList<double> FirstSteps, IReadOnlyList<KerasFit.Snapshot> Snapshots);

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TrimmingRoots.Json)]
    public static void Write(Stream stream, string runKey, string engine, TrainingCheckpoint checkpoint)
    {
        var optimizer = checkpoint.Optimizer;
        var modelTensors = checkpoint.Model.Keys.ToArray();
        var manifest = new Manifest(runKey, engine, checkpoint.Epoch, modelTensors, modelTensors.Select(n => checkpoint.Model[n].LongLength).ToArray(),
            optimizer.StepCount, optimizer.ParameterSteps, optimizer.Slots.Select(slot => slot.Select(t => t?.LongLength).ToArray()).ToArray(), optimizer.Scalars,
            checkpoint.Shuffling, checkpoint.Dropout, checkpoint.EarlyStopping, checkpoint.History, checkpoint.FirstSteps, checkpoint.Snapshots);
        var json = JsonSerializer.SerializeToUtf8Bytes(manifest, RunRecord.Json);

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Put(ReadOnlySpan<byte> bytes)
        {
            hash.AppendData(bytes);
            stream.Write(bytes);
        }

        Put(Magic);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, json.Length);
        Put(length);
        Put(json);
        foreach (var values in modelTensors.Select(n => checkpoint.Model[n]).Concat(optimizer.Slots.SelectMany(slot => slot.OfType<float[]>())))
        {
            Put(MemoryMarshal.AsBytes(values.AsSpan()));
        }

        stream.Write(hash.GetHashAndReset());
    }

    /// <summary>The checkpoint in <paramref name="bytes"/>, with the run key and engine it was written for.</summary>
    /// <exception cref="InvalidDataException">The bytes are truncated, corrupted or not a checkpoint.</exception>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TrimmingRoots.Json)]
    public static (string RunKey, string Engine, TrainingCheckpoint Checkpoint) Read(byte[] bytes)
    {
        if (bytes.Length < Magic.Length + 4 + HashBytes) throw new InvalidDataException("truncated");
        var body = bytes.AsSpan(0, bytes.Length - HashBytes);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(body.Length))) throw new InvalidDataException("checksum mismatch (truncated or corrupted)");
        if (!body[..Magic.Length].SequenceEqual(Magic)) throw new InvalidDataException("not a Repro checkpoint of this format");
        var jsonLength = BinaryPrimitives.ReadInt32LittleEndian(body[Magic.Length..]);
        var offset = Magic.Length + 4;
        var manifest = JsonSerializer.Deserialize<Manifest>(body.Slice(offset, jsonLength), RunRecord.Json) ?? throw new InvalidDataException("empty manifest");
        offset += jsonLength;

        var end = body.Length;
        float[] Next(long count)
        {
            if (count < 0 || count > (end - offset) / sizeof(float)) throw new InvalidDataException("the manifest describes more tensor data than the file holds");
            var values = MemoryMarshal.Cast<byte, float>(bytes.AsSpan(offset, (int)count * sizeof(float))).ToArray();
            offset += values.Length * sizeof(float);
            return values;
        }

        var model = new Dictionary<string, float[]>();
        for (var i = 0; i < manifest.ModelTensors.Length; i++) model[manifest.ModelTensors[i]] = Next(manifest.ModelCounts[i]);
        var slots = manifest.SlotCounts.Select(slot => slot.Select(count => count is { } n ? Next(n) : null).ToArray()).ToArray();
        if (offset != end) throw new InvalidDataException($"{end - offset} bytes more than the manifest describes");
        var optimizer = new torch.optim.OptimizerState(manifest.StepCount, manifest.ParameterSteps, slots, manifest.Scalars);
        return (manifest.RunKey, manifest.Engine, new TrainingCheckpoint(manifest.Epoch, model, optimizer, manifest.Shuffling, manifest.Dropout,
            manifest.EarlyStopping, manifest.History, manifest.FirstSteps, manifest.Snapshots));
    }
}
