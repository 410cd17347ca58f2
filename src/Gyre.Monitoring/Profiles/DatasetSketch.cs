using System.Text.Json.Serialization;
using Gyre.Core;
using Gyre.Monitoring.Datasets;

namespace Gyre.Monitoring.Profiles;

/// <summary>
/// The mergeable profile of a dataset (a time window, a shard, a replica): row count, optional time window and
/// one <see cref="ColumnSketch"/> per column, in order. No raw rows are kept; the size is O(columns · k log n).
/// Profiles of hours merge into a day, of pods into a cluster (<see cref="Merge"/>), and are the reference
/// stored in a model package.
/// </summary>
/// <remarks>
/// Immutable: <see cref="Merge"/> returns a new profile. Merging is associative and commutative in every count
/// (rows, missing, per-value counts, min/max); moments agree up to rounding; quantile, distinct and frequent-item
/// answers keep their sketches' error bounds. Thread-safe for reading.
/// </remarks>
public sealed class DatasetSketch
{
    /// <summary>Version of the JSON layout written by <see cref="ToJson"/>.</summary>
    public const int CurrentFormatVersion = 1;

    private readonly Dictionary<string, ColumnSketch> _byName;

    private DatasetSketch(long rowCount, long? windowStartMs, long? windowEndMs, IReadOnlyList<ColumnSketch> columns)
    {
        RowCount = rowCount;
        WindowStartMs = windowStartMs;
        WindowEndMs = windowEndMs;
        Columns = columns;
        _byName = new Dictionary<string, ColumnSketch>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            if (!_byName.TryAdd(column.Name, column))
            {
                throw GyreException.InvalidInput($"Column '{column.Name}' appears twice in the profile.");
            }
        }
    }

    /// <summary>Layout version (always <see cref="CurrentFormatVersion"/> once loaded).</summary>
    public int FormatVersion { get; } = CurrentFormatVersion;

    /// <summary>Rows profiled.</summary>
    public long RowCount { get; }

    /// <summary>Start of the window, Unix ms, if known (the earliest start after merges).</summary>
    public long? WindowStartMs { get; }

    /// <summary>End of the window, Unix ms, if known (the latest end after merges).</summary>
    public long? WindowEndMs { get; }

    /// <summary>Column profiles in the data's column order.</summary>
    public IReadOnlyList<ColumnSketch> Columns { get; }

    /// <summary>The named column's profile, or null.</summary>
    public ColumnSketch? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Profiles every column of <paramref name="frame"/> in one pass per column.</summary>
    /// <exception cref="GyreException">InvalidInput when an option is out of range.</exception>
    public static DatasetSketch Build(MonitoredFrame frame, SketchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        options ??= SketchOptions.Default;
        options.Validate();
        var columns = new ColumnSketch[frame.Columns.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = ColumnSketch.Build(frame.Columns[i], options, SplitMix64.At(options.Seed, (ulong)i));
        }

        return new DatasetSketch(frame.RowCount, options.WindowStartMs, options.WindowEndMs, columns);
    }

    /// <summary>The profile of both datasets' rows together; neither input changes.</summary>
    /// <exception cref="GyreException">InvalidInput naming the column when the columns (names, order, kinds or sketch parameters) differ.</exception>
    public DatasetSketch Merge(DatasetSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var count = Math.Max(Columns.Count, other.Columns.Count);
        var merged = new ColumnSketch[count];
        for (var i = 0; i < count; i++)
        {
            if (i >= Columns.Count || i >= other.Columns.Count)
            {
                var extra = i >= Columns.Count ? other.Columns[i].Name : Columns[i].Name;
                throw GyreException.InvalidInput($"Cannot merge profiles: column '{extra}' is in only one of them.");
            }

            merged[i] = Columns[i].Merge(other.Columns[i]);
        }

        return new DatasetSketch(
            RowCount + other.RowCount,
            PickOrEither(WindowStartMs, other.WindowStartMs, Math.Min),
            PickOrEither(WindowEndMs, other.WindowEndMs, Math.Max),
            merged);
    }

    /// <summary>Merges a non-empty list of profiles left to right.</summary>
    /// <exception cref="GyreException">InvalidInput when the list is empty or columns differ.</exception>
    public static DatasetSketch MergeAll(IReadOnlyList<DatasetSketch> sketches)
    {
        ArgumentNullException.ThrowIfNull(sketches);
        if (sketches.Count == 0)
        {
            throw GyreException.InvalidInput("Cannot merge an empty list of profiles.");
        }

        var result = sketches[0];
        for (var i = 1; i < sketches.Count; i++)
        {
            result = result.Merge(sketches[i]);
        }

        return result;
    }

    /// <summary>The profile as JSON (snake_case, compact).</summary>
    public string ToJson() => SketchJson.Serialize(new DatasetState(
        CurrentFormatVersion, RowCount, WindowStartMs, WindowEndMs, [.. Columns.Select(c => c.ToState())]));

    /// <summary>Reads a profile written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">What the JSON came from (a path), named in error messages.</param>
    /// <exception cref="GyreException">InvalidInput naming <paramref name="source"/> when the JSON is malformed, of another version or inconsistent.</exception>
    public static DatasetSketch FromJson(string json, string source = "profile JSON")
    {
        var state = SketchJson.Deserialize<DatasetState>(json, source);
        if (state.FormatVersion != CurrentFormatVersion)
        {
            throw GyreException.InvalidInput(
                $"Profile JSON in {source} has format_version {state.FormatVersion}; this Gyre reads version {CurrentFormatVersion}.");
        }

        var columns = SketchJson.Required(state.Columns, "columns", source);
        var sketches = new ColumnSketch[columns.Count];
        for (var i = 0; i < sketches.Length; i++)
        {
            sketches[i] = ColumnSketch.FromState(SketchJson.Required(columns[i], $"columns[{i}]", source), source);
            if (sketches[i].Count != state.RowCount)
            {
                throw GyreException.InvalidInput(
                    $"Profile JSON in {source}: column '{sketches[i].Name}' has {sketches[i].Count} rows but the profile has {state.RowCount}.");
            }
        }

        return new DatasetSketch(state.RowCount, state.WindowStartMs, state.WindowEndMs, sketches);
    }

    /// <summary>Writes the profile to <paramref name="path"/> atomically (temporary file in the same folder, then a move).</summary>
    public async Task SaveAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllTextAsync(temporary, ToJson(), cancellationToken).ConfigureAwait(false);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Reads a profile saved by <see cref="SaveAsync"/>.</summary>
    /// <exception cref="GyreException">NotFound when the file does not exist; InvalidInput naming the file when its content is bad.</exception>
    public static async Task<DatasetSketch> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw GyreException.NotFound($"Profile file '{path}' does not exist.");
        }

        var json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return FromJson(json, $"'{path}'");
    }

    private static long? PickOrEither(long? a, long? b, Func<long, long, long> pick) =>
        a is { } x && b is { } y ? pick(x, y) : a ?? b;
}

/// <summary>JSON form of a <see cref="DatasetSketch"/>.</summary>
internal sealed record DatasetState(
    [property: JsonPropertyName("format_version")] int FormatVersion,
    [property: JsonPropertyName("row_count")] long RowCount,
    [property: JsonPropertyName("window_start_ms")] long? WindowStartMs,
    [property: JsonPropertyName("window_end_ms")] long? WindowEndMs,
    [property: JsonPropertyName("columns")] IReadOnlyList<ColumnState?>? Columns);
