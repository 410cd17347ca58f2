using System.Collections.Concurrent;
using Gyre.Data.Tables;
using Gyre.Training.Featurization;
using Gyre.Training.Specs;
using Gyre.Training.Packaging;

namespace Gyre.Training.Scoring;

/// <summary>What to do with a one-hot category never seen in training.</summary>
public enum UnknownCategoryPolicy
{
    /// <summary>The row is a violation (an HTTP 400 in serving).</summary>
    Reject,

    /// <summary>The value is scored as "unknown" (all-zero one-hot), as batch scoring does.</summary>
    MapToUnknown,
}

/// <summary>
/// Low-latency scoring of single rows (and small batches) for serving. Built once per loaded model version;
/// thread-safe: every member may run on many threads at once. Its predictions equal
/// <see cref="ModelPredictor.Score"/>'s for the same values (same model, same featurization): each thread borrows a
/// pooled engine that maps the row through the model's ML.NET row-to-row mapper over the exact view the batch path
/// builds, so no table, view or cursor is made per call. Engines are created on demand (about one per concurrently
/// scoring thread) and live as long as the scorer.
/// </summary>
public sealed class RowScorer
{
    private readonly ModelPredictor _predictor;
    private readonly ConcurrentBag<FeatureRow> _rows = [];
    private readonly ConcurrentBag<RowScoringEngine> _engines = [];
    private readonly HashSet<string>?[] _categories;
    private readonly TreeShortcut? _shortcut;

    private RowScorer(ModelPredictor predictor, bool treeShortcut)
    {
        _predictor = predictor;
        _shortcut = treeShortcut && Validation.BoostedTreeEnsemble.FindForScoring(predictor.Model) is { } ensemble ? new TreeShortcut(ensemble) : null;
        _categories = [.. predictor.Signature.Select(c => c.Kind == FeatureKind.OneHot && c.Categories is { } known ? new HashSet<string>(known, StringComparer.Ordinal) : null)];

        // Built now so that a model whose outputs cannot be mapped row by row fails at load, not on the first request.
        _engines.Add(NewEngine());
    }

    public IReadOnlyList<SignatureColumn> Signature => _predictor.Signature;

    public LabelMapping Labels => _predictor.Labels;

    /// <summary>
    /// Prepares the scorer for <paramref name="package"/>'s model (binds one engine, so a model that cannot be mapped
    /// fails here). With <paramref name="treeShortcut"/> (the default), a binary or regression tree ensemble is walked
    /// without ML.NET's tree step once its first rows have matched ML.NET bit for bit (<see cref="TreeShortcut"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The model lacks the output column its task is read from ("Probability" for binary, "Score" otherwise).</exception>
    public static RowScorer For(ModelPackage package, bool treeShortcut = true)
    {
        ArgumentNullException.ThrowIfNull(package);
        return new RowScorer(package.Predictor, treeShortcut);
    }

    /// <summary>The tree shortcut in use: null when the model is not a supported tree ensemble or it was not asked for.</summary>
    internal TreeShortcut? Shortcut => _shortcut;

    /// <summary>The signature index of column <paramref name="name"/> (ordinal), or -1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Signature.Count; i++)
        {
            if (string.Equals(Signature[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A cleared row for this scorer (pooled; give it back with <see cref="ReturnRow"/>).</summary>
    public FeatureRow RentRow() => _rows.TryTake(out var row) ? row : new FeatureRow(Signature);

    /// <summary>Clears <paramref name="row"/> and keeps it for reuse; the caller must not touch it afterwards.</summary>
    public void ReturnRow(FeatureRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        row.Clear();
        _rows.Add(row);
    }

    /// <summary>
    /// The first problem of <paramref name="row"/> against the signature, or null: a column not set while it had
    /// no missing values in training (MissingValue), NaN/±Infinity in a numeric column (WrongType for infinities;
    /// NaN counts as missing), a one-hot category never seen in training when <paramref name="unknownCategories"/>
    /// is Reject (UnknownCategory). The violation's Column names the field; Line is null.
    /// </summary>
    public SignatureViolation? Check(FeatureRow row, UnknownCategoryPolicy unknownCategories)
    {
        ArgumentNullException.ThrowIfNull(row);
        for (var i = 0; i < Signature.Count; i++)
        {
            var column = Signature[i];
            var missing = column.Type switch
            {
                ColumnType.Numeric or ColumnType.Boolean => double.IsNaN(row.GetNumber(i)),
                ColumnType.DateTime => row.GetDateTime(i) is null,
                _ => row.GetText(i) is null,
            };
            if (column.Type == ColumnType.Numeric && double.IsInfinity(row.GetNumber(i)))
            {
                return new SignatureViolation(null, column.Name, ViolationKind.WrongType, $"Field '{column.Name}' must be a finite number; got {(row.GetNumber(i) > 0 ? "Infinity" : "-Infinity")}.");
            }

            if (missing && !column.Nullable)
            {
                return new SignatureViolation(null, column.Name, ViolationKind.MissingValue,
                    row.IsSet(i)
                        ? $"Field '{column.Name}' is NaN or null, but it had no missing values in training."
                        : $"Field '{column.Name}' ({column.Type.ToString().ToLowerInvariant()}) is required by the model but absent.");
            }

            if (!missing && unknownCategories == UnknownCategoryPolicy.Reject && _categories[i] is { } known && !known.Contains(row.GetText(i)!))
            {
                return new SignatureViolation(null, column.Name, ViolationKind.UnknownCategory,
                    $"Field '{column.Name}' has category '{row.GetText(i)}', never seen in training ({known.Count} known).");
            }
        }

        return null;
    }

    /// <summary>
    /// Scores one row that passed <see cref="Check"/>; the prediction's Line is 0. Runs the model through a pooled
    /// per-thread engine (no view, table or cursor per call); a few microseconds for a 100-tree forest.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="row"/> was made for a signature with a different column count.</exception>
    public RowPrediction Score(FeatureRow row)
    {
        CheckShape(row);
        var engine = RentEngine();
        try
        {
            return engine.Score(row, 0);
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    /// <summary>Scores rows that passed <see cref="Check"/>, in order (micro-batching); predictions' Line is the row's index.</summary>
    /// <exception cref="ArgumentException">A row was made for a signature with a different column count.</exception>
    public IReadOnlyList<RowPrediction> ScoreBatch(IReadOnlyList<FeatureRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            CheckShape(row);
        }

        var predictions = new RowPrediction[rows.Count];
        var engine = RentEngine();
        try
        {
            for (var i = 0; i < predictions.Length; i++)
            {
                predictions[i] = engine.Score(rows[i], i);
            }
        }
        finally
        {
            _engines.Add(engine);
        }

        return predictions;
    }

    /// <summary>
    /// Scores <paramref name="count"/> rows on one pooled engine without a row object per row (batch scoring): for each
    /// i, <paramref name="fill"/> writes row i into a cleared row, which is then scored; prediction i's Line is
    /// <paramref name="lines"/>[i]. The rows must pass the caller's checks (see <see cref="Check"/>). Thread-safe.
    /// </summary>
    public RowPrediction[] ScoreMany(int count, Action<int, FeatureRow> fill, IReadOnlyList<long> lines)
    {
        ArgumentNullException.ThrowIfNull(fill);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, lines.Count);
        var predictions = new RowPrediction[count];
        var row = RentRow();
        var engine = RentEngine();
        try
        {
            for (var i = 0; i < count; i++)
            {
                row.Clear();
                fill(i, row);
                predictions[i] = engine.Score(row, lines[i]);
            }
        }
        finally
        {
            _engines.Add(engine);
            ReturnRow(row);
        }

        return predictions;
    }

    private void CheckShape(FeatureRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!ReferenceEquals(row.Signature, Signature) && row.Signature.Count != Signature.Count)
        {
            throw new ArgumentException($"The row has {row.Signature.Count} columns but the model's signature has {Signature.Count}; rent rows from this scorer.", nameof(row));
        }
    }

    private RowScoringEngine RentEngine() => _engines.TryTake(out var engine) ? engine : NewEngine();

    private RowScoringEngine NewEngine() => new(_predictor.Model, _predictor.Signature, _predictor.Labels, _shortcut);
}
