using System.Globalization;
using System.Text.Json.Nodes;
using Gyre.Data.Tables;
using Gyre.Training.Featurization;
using Gyre.Training.Packaging;
using Gyre.Training.Scoring;

namespace Gyre.Serving.Tests.Support;

/// <summary>Builds request bodies from CSV rows and the expected predictions by scoring the same rows in-process.</summary>
public static class Requests
{
    /// <summary>The row's signature fields as a JSON object of typed values.</summary>
    public static JsonObject Features(IReadOnlyList<SignatureColumn> signature, IReadOnlyDictionary<string, string> row)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(row);
        var json = new JsonObject();
        foreach (var column in signature)
        {
            json[column.Name] = Value(column, row[column.Name]);
        }

        return json;
    }

    public static JsonNode? Value(SignatureColumn column, string text)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.Type switch
        {
            ColumnType.Numeric => JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture)),
            ColumnType.Boolean => JsonValue.Create(bool.Parse(text)),
            _ => JsonValue.Create(text),
        };
    }

    /// <summary>The in-process prediction for <paramref name="row"/> (the reference the server must match).</summary>
    public static RowPrediction Expected(ModelPackage package, IReadOnlyDictionary<string, string> row)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(row);
        var scorer = RowScorer.For(package);
        var features = scorer.RentRow();
        for (var i = 0; i < scorer.Signature.Count; i++)
        {
            var column = scorer.Signature[i];
            var text = row[column.Name];
            switch (column.Type)
            {
                case ColumnType.Numeric:
                    features.SetNumber(i, double.Parse(text, CultureInfo.InvariantCulture));
                    break;
                case ColumnType.Boolean:
                    features.SetBoolean(i, bool.Parse(text));
                    break;
                case ColumnType.DateTime:
                    features.SetDateTime(i, DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal));
                    break;
                default:
                    features.SetText(i, text);
                    break;
            }
        }

        return scorer.Score(features);
    }
}
