using Gyre.Core;
using Gyre.Data.Tables;
using Gyre.Training.Scoring;

namespace Gyre.Serving.Models;

/// <summary>
/// Scores a few synthetic rows built from a model's signature before it is published, so the first real request
/// does not pay for lazy initialization (JIT, ML.NET prediction engines).
/// </summary>
public static class ModelWarmup
{
    /// <summary>Scores <paramref name="rounds"/> synthetic rows; Corrupt naming the model when scoring fails.</summary>
    public static void Warm(ServedModel model, int rounds = 4)
    {
        ArgumentNullException.ThrowIfNull(model);
        var scorer = model.Scorer;
        for (var round = 0; round < rounds; round++)
        {
            var row = scorer.RentRow();
            try
            {
                Fill(row, model.Fields, round);
                _ = scorer.Score(row);
            }
            catch (Exception error) when (error is not GyreException and not OutOfMemoryException)
            {
                throw new GyreException(ErrorKind.Corrupt, $"Model {model.Reference} (version {model.VersionText}) failed its warm-up scoring: {error.Message}", error);
            }
            finally
            {
                scorer.ReturnRow(row);
            }
        }
    }

    private static void Fill(FeatureRow row, FeatureFields fields, int round)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            var column = fields.Signature[i];
            switch (column.Type)
            {
                case ColumnType.Numeric:
                    row.SetNumber(i, round);
                    break;
                case ColumnType.Boolean:
                    row.SetBoolean(i, round % 2 == 1);
                    break;
                case ColumnType.DateTime:
                    row.SetDateTime(i, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(round));
                    break;
                default:
                    row.SetText(i, column.Categories is { Count: > 0 } known ? known[round % known.Count] : "warm-up");
                    break;
            }
        }
    }
}
