using Gyre.Serving.Models;
using Gyre.Training.Scoring;

namespace Gyre.Serving.Protocols;

/// <summary>
/// The rows of one request, rented from the answering model's scorer and given back by <see cref="Dispose"/>.
/// Rows are created on demand by index (column-wise protocols fill row k before row k+1 exists). Not thread-safe.
/// </summary>
public sealed class RowSet(ServedModel model) : IDisposable
{
    /// <summary>Rows one request may carry (a request over it is a 400).</summary>
    public const int MaxRows = 100_000;

    private readonly List<FeatureRow> _rows = new(1);

    public ServedModel Model { get; } = model;

    public int Count => _rows.Count;

    /// <summary>The rows, in order.</summary>
    public IReadOnlyList<FeatureRow> Rows => _rows;

    public FeatureRow this[int index] => _rows[index];

    /// <summary>Row <paramref name="index"/>, creating missing rows up to it.</summary>
    public FeatureRow At(int index)
    {
        if (index >= MaxRows)
        {
            throw new BadRequestException($"A request may carry at most {MaxRows} rows.");
        }

        while (_rows.Count <= index)
        {
            _rows.Add(Model.Scorer.RentRow());
        }

        return _rows[index];
    }

    /// <summary>Appends a new row.</summary>
    public FeatureRow Add() => At(_rows.Count);

    public void Dispose()
    {
        foreach (var row in _rows)
        {
            Model.Scorer.ReturnRow(row);
        }

        _rows.Clear();
    }
}
