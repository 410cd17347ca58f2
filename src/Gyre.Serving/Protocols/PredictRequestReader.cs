using System.Text.Json;

namespace Gyre.Serving.Protocols;

/// <summary>Parses <c>POST /predict/{name}</c> bodies: one JSON object of named features, or an array of them.</summary>
public static class PredictRequestReader
{
    /// <summary>Fills <paramref name="rows"/>; returns true when the body was an array (the response is then a list).</summary>
    public static bool Read(ReadOnlySpan<byte> body, RowSet rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var reader = new Utf8JsonReader(body, JsonRows.Options);
        JsonRows.Next(ref reader);
        var fields = rows.Model.Fields;
        bool isArray;
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            JsonRows.ReadObject(ref reader, fields, rows.Add(), -1);
            isArray = false;
        }
        else if (reader.TokenType == JsonTokenType.StartArray)
        {
            var index = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                JsonRows.ReadObject(ref reader, fields, rows.Add(), index);
                index++;
            }

            if (index == 0)
            {
                throw new BadRequestException("The request holds no rows: send a JSON object of named features or a non-empty array of them.");
            }

            isArray = true;
        }
        else
        {
            throw new BadRequestException($"Expected a JSON object of named features or an array of them; got {FeatureValueReader.Describe(reader.TokenType)}.");
        }

        JsonRows.End(ref reader);
        return isArray;
    }
}
