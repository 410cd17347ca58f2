using System.Text.Json;
using System.Text.Json.Serialization;
using Gyre.Core;
using Gyre.Data.Files;

namespace Gyre.Data.Profiling;

/// <summary>
/// A data set's statistical profile: the baseline that monitoring compares live data against. Serializes
/// with System.Text.Json to snake_case JSON (names fixed by attributes, whatever the serializer options);
/// <see cref="ToJson"/> → <see cref="FromJson"/> round-trips.
/// </summary>
public sealed record DatasetProfile(
    [property: JsonPropertyName("format_version")] int FormatVersion,
    [property: JsonPropertyName("row_count")] long RowCount,
    [property: JsonPropertyName("columns")] IReadOnlyList<ColumnProfile> Columns)
{
    public const int CurrentFormatVersion = 1;

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    /// <summary>The named column's profile, or null.</summary>
    public ColumnProfile? Find(string name) => Columns.FirstOrDefault(c => c.Name == name);

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Parses a profile; throws InvalidInput naming <paramref name="source"/> when the JSON is malformed.</summary>
    public static DatasetProfile FromJson(string json, string source = "profile JSON")
    {
        try
        {
            return JsonSerializer.Deserialize<DatasetProfile>(json, Options)
                ?? throw GyreException.InvalidInput($"{source}: expected a profile object, found null.");
        }
        catch (JsonException ex)
        {
            throw new GyreException(ErrorKind.InvalidInput, $"{source}: not a valid profile ({ex.Path}): {ex.Message}", ex);
        }
    }

    /// <summary>Writes the JSON atomically (temp file, then move).</summary>
    public async Task SaveAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        await AtomicFile.WriteAllTextAsync(path, ToJson(), cancellationToken);
    }

    /// <summary>Reads a profile saved by <see cref="SaveAsync"/>; NotFound for a missing file, InvalidInput for bad JSON.</summary>
    public static async Task<DatasetProfile> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw GyreException.NotFound($"Profile file '{path}' does not exist.");
        }

        return FromJson(await File.ReadAllTextAsync(path, cancellationToken), path);
    }
}
