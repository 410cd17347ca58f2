using System.Globalization;
using System.Text.Json.Nodes;
using Gyre.Core;
using Gyre.Tuning.Distributions;

namespace Gyre.Stores.Sql;

/// <summary>
/// The JSON of a <see cref="ParameterDistribution"/> in <c>trial_params.distribution_json</c>, round-tripping
/// exactly: <c>{"type":"float","low":..,"high":..,"log":..,"step":..|null}</c>,
/// <c>{"type":"int","low":..,"high":..,"log":..,"step":..}</c> and
/// <c>{"type":"categorical","choices":[...]}</c>, where each choice is a string, bool, null,
/// <c>{"long":n}</c> or <c>{"double":"R-formatted"}</c> (tagged so 1 and 1.0 stay distinct and NaN survives).
/// </summary>
public static class StudyDistributionJson
{
    /// <summary>The JSON text of <paramref name="distribution"/>.</summary>
    public static string Write(ParameterDistribution distribution) => distribution switch
    {
        FloatDistribution f => new JsonObject
        {
            ["type"] = "float",
            ["low"] = f.Low,
            ["high"] = f.High,
            ["log"] = f.Log,
            ["step"] = f.Step,
        }.ToJsonString(),
        IntDistribution i => new JsonObject
        {
            ["type"] = "int",
            ["low"] = i.Low,
            ["high"] = i.High,
            ["log"] = i.Log,
            ["step"] = i.Step,
        }.ToJsonString(),
        CategoricalDistribution c => new JsonObject
        {
            ["type"] = "categorical",
            ["choices"] = new JsonArray([.. c.Choices.Select(WriteChoice)]),
        }.ToJsonString(),
        null => throw new ArgumentNullException(nameof(distribution)),
        _ => throw GyreException.InvalidInput($"Distribution type {distribution.GetType().Name} cannot be stored."),
    };

    /// <summary>The distribution <paramref name="json"/> describes; InvalidState naming the text when it is not one.</summary>
    public static ParameterDistribution Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var node = JsonNode.Parse(json)!.AsObject();
            return (string?)node["type"] switch
            {
                "float" => new FloatDistribution((double)node["low"]!, (double)node["high"]!, (bool)node["log"]!, (double?)node["step"]),
                "int" => new IntDistribution((long)node["low"]!, (long)node["high"]!, (bool)node["log"]!, (long)node["step"]!),
                "categorical" => new CategoricalDistribution([.. node["choices"]!.AsArray().Select(ReadChoice)]),
                var other => throw new FormatException($"unknown type '{other}'"),
            };
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or System.Text.Json.JsonException or NullReferenceException)
        {
            throw GyreException.InvalidState($"Stored distribution_json '{json}' is not a distribution: {e.Message}");
        }
    }

    private static JsonNode? WriteChoice(object? choice) => choice switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        long l => new JsonObject { ["long"] = l },
        double d => new JsonObject { ["double"] = d.ToString("R", CultureInfo.InvariantCulture) },
        _ => throw GyreException.InvalidInput($"Categorical choice of type {choice.GetType().Name} cannot be stored."),
    };

    private static object? ReadChoice(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o when o.ContainsKey("long") => (long)o["long"]!,
        JsonObject o when o.ContainsKey("double") => double.Parse((string)o["double"]!, NumberStyles.Float, CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw new FormatException($"bad categorical choice {node.ToJsonString()}"),
    };
}
