using Microsoft.ML.Data;

namespace Gyre.Training.Validation;

/// <summary>
/// Featurized rows held in compressed sparse row form: per row, the indices and values of its non-zero slots
/// (a slot that is absent is 0, as in an ML.NET sparse <see cref="VBuffer{T}"/>; NaN is kept, it is not zero).
/// Rows are read by scattering them into a caller's dense buffer. Immutable after <see cref="Builder.Build"/>;
/// thread-safe for reading.
/// </summary>
internal sealed class SparseFeatureRows
{
    private readonly int[] _rowStarts;
    private readonly int[] _indices;
    private readonly float[] _values;

    private SparseFeatureRows(int[] rowStarts, int[] indices, float[] values, int slotCount)
    {
        _rowStarts = rowStarts;
        _indices = indices;
        _values = values;
        SlotCount = slotCount;
    }

    public int RowCount => _rowStarts.Length - 1;

    /// <summary>The vector length: the largest row length seen (every slot index is below it).</summary>
    public int SlotCount { get; }

    /// <summary>Writes row <paramref name="row"/>'s stored values into <paramref name="dense"/>, which must be all
    /// zeros (as <see cref="Clear"/> leaves it) and <see cref="SlotCount"/> long.</summary>
    public void Scatter(int row, Span<float> dense)
    {
        for (var k = _rowStarts[row]; k < _rowStarts[row + 1]; k++)
        {
            dense[_indices[k]] = _values[k];
        }
    }

    /// <summary>Resets the slots <see cref="Scatter"/> wrote for <paramref name="row"/> to zero.</summary>
    public void Clear(int row, Span<float> dense)
    {
        for (var k = _rowStarts[row]; k < _rowStarts[row + 1]; k++)
        {
            dense[_indices[k]] = 0f;
        }
    }

    /// <summary>Collects rows in order. Not thread-safe.</summary>
    public sealed class Builder
    {
        private readonly List<int> _rowStarts = [0];
        private readonly List<int> _indices = [];
        private readonly List<float> _values = [];
        private int _slotCount;

        public void Add(in VBuffer<float> row)
        {
            _slotCount = Math.Max(_slotCount, row.Length);
            var values = row.GetValues();
            if (row.IsDense)
            {
                for (var i = 0; i < values.Length; i++)
                {
                    Append(i, values[i]);
                }
            }
            else
            {
                var indices = row.GetIndices();
                for (var i = 0; i < values.Length; i++)
                {
                    Append(indices[i], values[i]);
                }
            }

            _rowStarts.Add(_indices.Count);
        }

        public SparseFeatureRows Build() => new([.. _rowStarts], [.. _indices], [.. _values], _slotCount);

        private void Append(int index, float value)
        {
            if (value != 0f)
            {
                _indices.Add(index);
                _values.Add(value);
            }
        }
    }
}
