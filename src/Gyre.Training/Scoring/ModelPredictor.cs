using Gyre.Data.Tables;
using Gyre.Training.Featurization;
using Microsoft.ML;

namespace Gyre.Training.Scoring;

/// <summary>
/// Scores tables with a fitted model after checking them against its input signature. Thread-safe:
/// <see cref="Score"/> may run concurrently (ML.NET transformers are safe for concurrent Transform).
/// </summary>
public sealed class ModelPredictor
{
    private readonly ITransformer _model;

    internal ModelPredictor(ITransformer model, IReadOnlyList<SignatureColumn> signature, LabelMapping labels)
    {
        _model = model;
        Signature = signature;
        Labels = labels;
    }

    public IReadOnlyList<SignatureColumn> Signature { get; }

    public LabelMapping Labels { get; }

    /// <summary>The fitted ML.NET model (featurization and trainer); <see cref="RowScorer"/> maps single rows through it.</summary>
    internal ITransformer Model => _model;

    /// <summary>
    /// Checks <paramref name="data"/> against <see cref="Signature"/> and scores every row without a violation.
    /// Rows with violations are reported in <see cref="ScoringResult.Violations"/> (by line) and not scored.
    /// </summary>
    public ScoringResult Score(DataTable data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var checkedTable = SignatureChecker.Check(data, Signature);
        if (checkedTable.Conformed is not { } conformed)
        {
            return new ScoringResult([], checkedTable.Violations, checkedTable.Warnings);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var rows = Enumerable.Range(0, data.RowCount).Where(r => checkedTable.Valid[r]).ToArray();
        var table = rows.Length == data.RowCount ? conformed : conformed.Take(rows);
        var predictions = PredictConformed(table);
        return new ScoringResult(predictions, checkedTable.Violations, checkedTable.Warnings);
    }

    /// <summary>Scores a table already known to fit the signature (training-time evaluation).</summary>
    internal List<RowPrediction> PredictConformed(DataTable table) =>
        ModelOutputReader.Predict(_model, FeatureViewBuilder.Build(table, Signature), Labels, [.. Enumerable.Range(0, table.RowCount).Select(table.LineOf)]);
}
