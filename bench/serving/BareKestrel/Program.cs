// Usage: bare-kestrel --port N   (listens on http://127.0.0.1:N; logging off)
// POST /predict  → {"prediction":0} (application/json), the request body unread
// GET  /health   → 200, for the benchmark's readiness wait

using System.Globalization;

var port = ParsePort(args);
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, port));

var app = builder.Build();
app.MapPost("/predict", () => Results.Text("{\"prediction\":0}", "application/json"));
app.MapGet("/health", () => Results.Ok());
await app.RunAsync().ConfigureAwait(false);

static int ParsePort(string[] args)
{
    if (args.Length == 2 && args[0] == "--port"
        && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
        && port is > 0 and < 65536)
    {
        return port;
    }

    Console.Error.WriteLine("usage: bare-kestrel --port N   (1..65535)");
    Environment.Exit(2);
    return 0;
}
