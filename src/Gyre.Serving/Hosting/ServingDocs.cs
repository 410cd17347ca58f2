using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Gyre.Serving.Hosting;

/// <summary>The OpenAPI 3.1 document (<c>/openapi.json</c>) and a small browsable page (<c>/docs</c>) listing routes and models.</summary>
public static class ServingDocs
{
    private static readonly (string Method, string Path, string Summary)[] Routes =
    [
        ("post", "/predict/{name}", "Predict: one JSON object of named features, or an array of them."),
        ("post", "/v2/models/{name}/infer", "Open Inference Protocol v2 inference (one input per field, or one [N, F] tensor)."),
        ("post", "/v2/models/{name}/versions/{version}/infer", "Inference on one served version."),
        ("post", "/invocations", "MLflow scoring protocol (dataframe_split, dataframe_records, instances, inputs) on the first model."),
        ("post", "/invocations/{name}", "MLflow scoring protocol on a named model."),
        ("post", "/v2/models/{name}/feedback", "Ground-truth labels: {\"request_id\", \"label\"} or a list."),
        ("get", "/v2/health/live", "Liveness."),
        ("get", "/v2/health/ready", "Readiness: every model loaded and warmed."),
        ("get", "/v2", "Server metadata."),
        ("get", "/v2/models", "Served model names."),
        ("get", "/v2/models/{name}", "Model metadata (inputs, outputs, versions)."),
        ("get", "/v2/models/{name}/versions/{version}", "Metadata of one served version."),
        ("get", "/v2/models/{name}/ready", "Model readiness."),
        ("get", "/v2/models/{name}/versions/{version}/ready", "Readiness of one served version."),
        ("get", "/metrics", "Prometheus metrics."),
    ];

    public static async Task WriteOpenApiAsync(HttpContext context, ServingState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        var paths = new JsonObject();
        foreach (var group in Routes.GroupBy(r => r.Path))
        {
            var item = new JsonObject();
            foreach (var (method, path, summary) in group)
            {
                var parameters = new JsonArray();
                foreach (var segment in path.Split('/').Where(s => s.StartsWith('{')))
                {
                    parameters.Add(new JsonObject { ["name"] = segment.Trim('{', '}'), ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
                }

                var operation = new JsonObject
                {
                    ["summary"] = summary,
                    ["parameters"] = parameters,
                    ["responses"] = new JsonObject
                    {
                        ["200"] = new JsonObject { ["description"] = "OK" },
                        ["400"] = new JsonObject { ["description"] = "Invalid input: {\"error\": \"...\"} naming the field." },
                        ["404"] = new JsonObject { ["description"] = "Unknown model or version." },
                        ["503"] = new JsonObject { ["description"] = "Not ready." },
                    },
                };
                if (method == "post")
                {
                    operation["requestBody"] = new JsonObject
                    {
                        ["required"] = true,
                        ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } } },
                    };
                }

                item[method] = operation;
            }

            paths[group.Key] = item;
        }

        var models = new JsonArray([.. state.Ordered.Select(e => (JsonNode)JsonValue.Create(e.Name))]);
        var document = new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject { ["title"] = "Gyre model server", ["version"] = "1", ["x-models"] = models },
            ["paths"] = paths,
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(document.ToJsonString(), context.RequestAborted);
    }

    public static async Task WritePageAsync(HttpContext context, ServingState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        var html = new StringBuilder();
        html.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Gyre model server</title>")
            .Append("<style>body{font-family:sans-serif;margin:2em}td,th{padding:.2em .8em;text-align:left}code{background:#eee}</style></head><body>")
            .Append("<h1>Gyre model server</h1><h2>Models</h2><table><tr><th>endpoint</th><th>version</th><th>reference</th><th>canary</th><th>shadow</th><th>fields</th></tr>");
        foreach (var endpoint in state.Ordered)
        {
            var route = endpoint.Route;
            html.Append("<tr><td>").Append(Encode(endpoint.Name)).Append("</td><td>").Append(Encode(route?.Primary.VersionText ?? "loading"))
                .Append("</td><td>").Append(Encode(endpoint.Spec.Primary.ToString()))
                .Append("</td><td>").Append(Encode(route?.Canary is { } canary ? $"{canary.VersionText} ({route.CanaryWeight:P0})" : "-"))
                .Append("</td><td>").Append(Encode(route?.Shadow?.VersionText ?? "-"))
                .Append("</td><td>").Append(Encode(route is null ? "" : string.Join(", ", route.Primary.Fields.Signature.Select(c => $"{c.Name}: {c.Type.ToString().ToLowerInvariant()}"))))
                .Append("</td></tr>");
        }

        html.Append("</table><h2>Routes</h2><table><tr><th>method</th><th>path</th><th></th></tr>");
        foreach (var (method, path, summary) in Routes)
        {
            html.Append("<tr><td>").Append(method.ToUpperInvariant()).Append("</td><td><code>").Append(Encode(path)).Append("</code></td><td>").Append(Encode(summary)).Append("</td></tr>");
        }

        html.Append("</table><p>OpenAPI document: <a href=\"/openapi.json\">/openapi.json</a></p></body></html>");
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(html.ToString(), context.RequestAborted);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
