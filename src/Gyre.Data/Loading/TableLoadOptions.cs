using Gyre.Data.Reading;
using Gyre.Data.Schema;
using Gyre.Data.Tables;

namespace Gyre.Data.Loading;

/// <summary>
/// How <see cref="TableLoader"/> loads a file. With <see cref="Schema"/> null the schema is inferred
/// (using <see cref="Inference"/>); otherwise the file is loaded against it.
/// </summary>
public sealed record TableLoadOptions
{
    public ReadOptions Read { get; init; } = new();

    public SchemaInferenceOptions Inference { get; init; } = new();

    /// <summary>
    /// Load against this schema: its columns, in its order; every one must be in the file. File columns
    /// the schema does not name are skipped.
    /// </summary>
    public DatasetSchema? Schema { get; init; }

    /// <summary>
    /// When false (default), a missing value in a column the schema marks non-nullable is an error. When
    /// true it is accepted and the loaded table's schema marks that column nullable.
    /// </summary>
    public bool AllowMissingInNonNullable { get; init; }
}
