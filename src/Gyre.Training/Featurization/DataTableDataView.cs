using Microsoft.ML;
using Microsoft.ML.Data;

namespace Gyre.Training.Featurization;

/// <summary>
/// A read-only ML.NET <see cref="IDataView"/> over in-memory column sources (built from a
/// <see cref="Gyre.Data.Tables.DataTable"/> by <see cref="FeatureViewBuilder"/>). Cursors are independent and may run
/// concurrently; rows are served in table order (no shuffling).
/// </summary>
internal sealed class DataTableDataView : IDataView
{
    private readonly IReadOnlyList<ViewColumn> _columns;
    private readonly int _rowCount;

    public DataTableDataView(IReadOnlyList<ViewColumn> columns, int rowCount)
    {
        _columns = columns;
        _rowCount = rowCount;
        var builder = new DataViewSchema.Builder();
        foreach (var column in columns)
        {
            builder.AddColumn(column.Name, column.Type);
        }

        Schema = builder.ToSchema();
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _rowCount;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [new Cursor(this)];

    private sealed class Cursor(DataTableDataView view) : DataViewRowCursor
    {
        private long _position = -1;

        public override long Position => _position;

        public override long Batch => 0;

        public override DataViewSchema Schema => view.Schema;

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override bool MoveNext()
        {
            if (_position + 1 < view._rowCount)
            {
                _position++;
                return true;
            }

            _position = view._rowCount;
            return false;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId value) => value = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            Delegate getter = view._columns[column.Index] switch
            {
                SingleViewColumn single => (ValueGetter<float>)((ref float value) => value = single.Value((int)_position)),
                TextViewColumn text => (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> value) => value = text.Value((int)_position).AsMemory()),
                BooleanViewColumn boolean => (ValueGetter<bool>)((ref bool value) => value = boolean.Value((int)_position)),
                KeyViewColumn key => (ValueGetter<uint>)((ref uint value) => value = key.Value((int)_position)),
                _ => throw new InvalidOperationException($"Unsupported view column '{column.Name}'."),
            };
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' is {column.Type}, not {typeof(TValue).Name}.");
        }
    }
}
