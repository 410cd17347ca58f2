using Microsoft.ML;
using Microsoft.ML.Data;

namespace Gyre.Training.Scoring;

/// <summary>
/// The input row a <see cref="RowScoringEngine"/> feeds to the model's row mapper. Its values come from
/// <paramref name="source"/>, a cursor parked on row 0 of a one-row table whose cells the engine overwrites per
/// request; <see cref="Advance"/> moves <see cref="Position"/> on so that ML.NET's per-position caches recompute.
/// Not thread-safe (one per engine).
/// </summary>
internal sealed class RefreshingInputRow(DataViewRowCursor source) : DataViewRow
{
    private long _position;

    public override long Position => _position;

    public override long Batch => 0;

    public override DataViewSchema Schema => source.Schema;

    /// <summary>Marks the buffered values as a new row.</summary>
    public void Advance() => _position++;

    public override bool IsColumnActive(DataViewSchema.Column column) => true;

    public override ValueGetter<DataViewRowId> GetIdGetter() =>
        (ref DataViewRowId value) => value = new DataViewRowId((ulong)_position, 0);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => source.GetGetter<TValue>(column);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            source.Dispose();
        }

        base.Dispose(disposing);
    }
}
