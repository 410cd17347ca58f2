namespace Gyre.Pipelines.Batch;

/// <summary>What a batch scoring job reads, writes and tolerates.</summary>
public sealed record BatchScoringOptions
{
    /// <summary>A data file (.csv, .tsv, .txt, .parquet) or a folder of them (scored in file-name order, not recursive).</summary>
    public required string Input { get; init; }

    /// <summary>The output file: .csv or .parquet (by extension).</summary>
    public required string Output { get; init; }

    /// <summary>The input columns copied next to the predictions, in this order; null: every input column (file order); empty: none.</summary>
    public IReadOnlyList<string>? Passthrough { get; init; }

    /// <summary>Where rejected rows go (CSV: file, line, column, kind, reason, then the row's fields); null: nowhere.</summary>
    public string? RejectsPath { get; init; }

    /// <summary>The highest share of rejected rows (0..1) for which the job succeeds and its output is committed.</summary>
    public double MaxRejectRate { get; init; }

    /// <summary>Commit the scored rows even when the reject rate is over <see cref="MaxRejectRate"/> (the job still fails).</summary>
    public bool WriteOverThreshold { get; init; }

    /// <summary>Records per chunk: memory is bounded by a few chunks (about 2 × <see cref="Parallelism"/> + 2).</summary>
    public int ChunkRows { get; init; } = 16_384;

    /// <summary>Chunks scored at once (default: one per core).</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The violations kept for the report (all are counted and written to the rejects file).</summary>
    public int MaxViolationsReported { get; init; } = 1000;
}
