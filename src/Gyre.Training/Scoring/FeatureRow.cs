using Gyre.Data.Tables;
using Gyre.Training.Featurization;

namespace Gyre.Training.Scoring;

/// <summary>
/// One input row for <see cref="RowScorer"/>: a slot per signature column (by index), each holding a value of the
/// column's type or nothing (missing). Reusable: <see cref="Clear"/> empties every slot. Not thread-safe: rent
/// one per request (see <see cref="RowScorer.RentRow"/>).
/// </summary>
public sealed class FeatureRow
{
    private readonly double[] _numbers;
    private readonly string?[] _texts;
    private readonly DateTime?[] _dates;
    private readonly bool[] _present;

    public FeatureRow(IReadOnlyList<SignatureColumn> signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        Signature = signature;
        _numbers = new double[signature.Count];
        _texts = new string?[signature.Count];
        _dates = new DateTime?[signature.Count];
        _present = new bool[signature.Count];
        Clear();
    }

    public IReadOnlyList<SignatureColumn> Signature { get; }

    /// <summary>Marks every slot missing.</summary>
    public void Clear()
    {
        Array.Fill(_numbers, double.NaN);
        Array.Clear(_texts);
        Array.Clear(_dates);
        Array.Clear(_present);
    }

    /// <summary>True when slot <paramref name="index"/> holds a value (NaN counts as a value here; <see cref="RowScorer.Check"/> judges it).</summary>
    public bool IsSet(int index) => _present[index];

    /// <summary>A numeric column's value, or a boolean column's as 1/0.</summary>
    public void SetNumber(int index, double value)
    {
        _numbers[index] = value;
        _present[index] = true;
    }

    /// <summary>A categorical or text column's value.</summary>
    public void SetText(int index, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _texts[index] = value;
        _present[index] = true;
    }

    public void SetBoolean(int index, bool value) => SetNumber(index, value ? 1 : 0);

    public void SetDateTime(int index, DateTime value)
    {
        _dates[index] = value;
        _present[index] = true;
    }

    /// <summary>Makes slot <paramref name="index"/> an explicit missing value (JSON null).</summary>
    public void SetMissing(int index)
    {
        _numbers[index] = double.NaN;
        _texts[index] = null;
        _dates[index] = null;
        _present[index] = false;
    }

    public double GetNumber(int index) => _numbers[index];

    public string? GetText(int index) => _texts[index];

    public DateTime? GetDateTime(int index) => _dates[index];

    /// <summary>The row as a one-row table with the signature's schema (the slow, general path).</summary>
    internal DataTable ToTable()
    {
        var columns = new List<DataColumn>(Signature.Count);
        for (var i = 0; i < Signature.Count; i++)
        {
            var column = Signature[i];
            columns.Add(column.Type switch
            {
                ColumnType.Numeric => new NumericColumn(column.Name, [_numbers[i]]),
                ColumnType.Boolean => new BooleanColumn(column.Name, [BooleanValue(i)]),
                ColumnType.DateTime => new DateTimeColumn(column.Name, [_dates[i]]),
                _ => new StringColumn(column.Name, column.Type, [_texts[i]]),
            });
        }

        var schema = new DatasetSchema([.. Signature.Select(c => new ColumnSchema(c.Name, c.Type, c.Nullable, c.Categories))]);
        return new DataTable(schema, columns);
    }

    /// <summary>
    /// Writes the row's values into row 0 of <paramref name="columns"/>, the columns of a table made by
    /// <see cref="ToTable"/> for a row of the same signature (the fast path reuses one such table per engine).
    /// Each column gets exactly what <see cref="ToTable"/> would have put there.
    /// </summary>
    internal void CopyTo(IReadOnlyList<DataColumn> columns)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            switch (columns[i])
            {
                case NumericColumn numeric:
                    numeric.Values[0] = _numbers[i];
                    break;
                case BooleanColumn boolean:
                    boolean.Values[0] = BooleanValue(i);
                    break;
                case DateTimeColumn dates:
                    dates.Values[0] = _dates[i];
                    break;
                case StringColumn strings:
                    strings.Values[0] = _texts[i];
                    break;
                default:
                    throw new InvalidOperationException($"Column '{columns[i].Name}' is a {columns[i].GetType().Name}, which a feature row does not fill.");
            }
        }
    }

    /// <summary>
    /// Fills this row from row <paramref name="row"/> of <paramref name="conformed"/>, a table already conformed to
    /// the signature (same columns, in order, with the signature's types: <see cref="SignatureChecker"/>'s output).
    /// </summary>
    internal void CopyFrom(DataTable conformed, int row)
    {
        Clear();
        for (var i = 0; i < Signature.Count; i++)
        {
            switch (conformed.Columns[i])
            {
                case NumericColumn numeric when !double.IsNaN(numeric.Values[row]):
                    SetNumber(i, numeric.Values[row]);
                    break;
                case BooleanColumn { Values: var flags } when flags[row] is { } flag:
                    SetBoolean(i, flag);
                    break;
                case DateTimeColumn { Values: var dates } when dates[row] is { } date:
                    SetDateTime(i, date);
                    break;
                case StringColumn { Values: var texts } when texts[row] is { } text:
                    SetText(i, text);
                    break;
            }
        }
    }

    private bool? BooleanValue(int index) => _present[index] && !double.IsNaN(_numbers[index]) ? _numbers[index] != 0 : null;
}
