using System.CommandLine;
using System.Globalization;
using Gyre.Core;
using Gyre.Monitoring.Drift;
using Gyre.Monitoring.InferenceLog;
using Gyre.Pipelines.Monitoring;
using Gyre.Registry;

namespace Gyre.Cli.Commands.Monitor;

/// <summary>
/// The options every `gyre monitor` command shares: what the reference and the current data are, and how drift
/// is tested. <see cref="ReadAsync"/> turns them into a <see cref="MonitorRequest"/> and a ready <see cref="MonitorJob"/>.
/// </summary>
public sealed class MonitorInputOptions
{
    private readonly Option<string?> _model = new("--model", "-m") { Description = "NAME@ALIAS, NAME/VERSION or a package folder. Its package's training-data profile is the default reference; its inference log the source of --window/--last." };
    private readonly Option<string?> _reference = new("--reference") { Description = "Reference data file (CSV or Parquet), or a profile (.json, from 'gyre monitor profile'), instead of the package's profile." };
    private readonly Option<string?> _current = new("--current") { Description = "Current data file (CSV or Parquet), or a profile (.json: drift only, in bounded memory)." };
    private readonly Option<string?> _window = new("--window") { Description = "Current data = the model's inference log over the last DURATION (e.g. 30m, 1h, 7d)." };
    private readonly Option<int?> _last = new("--last") { Description = "Current data = the last N records of the model's inference log." };
    private readonly Option<string?> _endpoint = new("--endpoint") { Description = "Inference log endpoint (default: the model's name)." };
    private readonly Option<string?> _label = new("--label") { Description = "Ground-truth column of the data files (default: the model's label)." };
    private readonly Option<string?> _timeColumn = new("--time-column") { Description = "Column of --current holding each row's time, for performance over time." };
    private readonly Option<string?> _segment = new("--segment") { Description = "Column to break performance down by (e.g. sex); also a fairness attribute." };
    private readonly Option<string[]> _fairness = new("--fairness") { Description = "Protected attribute column(s) for fairness figures (repeatable).", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string?> _performanceWindow = new("--performance-window") { Description = "Width of each performance window (e.g. 1h); default: ten windows over the current data." };
    private readonly Option<double> _driftShare = new("--drift-share") { Description = "Dataset drift when at least this share of tested columns drift (0..1].", DefaultValueFactory = _ => 0.5 };
    private readonly Option<MultipleTestingCorrection> _correction = new("--correction") { Description = "Adjust p-values across columns: None, Bonferroni, Holm or BenjaminiHochberg.", DefaultValueFactory = _ => MultipleTestingCorrection.None };
    private readonly Option<string[]> _method = new("--method") { Description = "Per-column test, COLUMN=METHOD or *=METHOD (ks, chisquare, z, wasserstein, jensenshannon, psi, kl_div, hellinger, cramer_von_mises, anderson, ed).", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string[]> _threshold = new("--threshold") { Description = "Per-column threshold, COLUMN=VALUE or *=VALUE.", AllowMultipleArgumentsPerToken = true };
    private readonly Option<int?> _bins = new("--bins") { Description = "Bins for PSI/KL/JS/Hellinger on continuous columns (default Sturges)." };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { _model, _reference, _current, _window, _last, _endpoint, _label, _timeColumn, _segment, _fairness, _performanceWindow, _driftShare, _correction, _method, _threshold, _bins })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The request and the job that runs it; the workspace is opened only when the model or the log needs it.</summary>
    /// <exception cref="GyreException">InvalidInput for a malformed duration, method or threshold (a usage error).</exception>
    public async Task<(MonitorRequest Request, MonitorJob Job)> ReadAsync(ParseResult parse, CliEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(environment);
        var model = parse.GetValue(_model);
        var modelFolder = model is null ? null : environment.ResolvePath(model);
        var request = new MonitorRequest
        {
            Model = modelFolder is not null && Directory.Exists(modelFolder) ? modelFolder : model,
            ReferencePath = Resolve(environment, parse.GetValue(_reference)),
            CurrentPath = Resolve(environment, parse.GetValue(_current)),
            Window = parse.GetValue(_window) is { } window ? Durations.Parse(window, "--window") : null,
            LastRows = parse.GetValue(_last),
            Endpoint = parse.GetValue(_endpoint),
            LabelColumn = parse.GetValue(_label),
            TimeColumn = parse.GetValue(_timeColumn),
            SegmentColumn = parse.GetValue(_segment),
            FairnessAttributes = parse.GetValue(_fairness) ?? [],
            PerformanceWindow = parse.GetValue(_performanceWindow) is { } width ? Durations.Parse(width, "--performance-window") : null,
            Drift = DriftOptions(parse),
        };
        MonitorJob.Validate(request);

        var needsWorkspace = (request.Model is not null && !Directory.Exists(request.Model)) || request.CurrentPath is null;
        if (!needsWorkspace)
        {
            return (request, new MonitorJob(null, null));
        }

        var workspace = await Workspace.OpenAsync(environment, cancellationToken);
        var loader = request.Model is not null && !Directory.Exists(request.Model) ? ModelsCommands.Loader(workspace) : null;
        return (request, new MonitorJob(loader, workspace.Tracking as IInferenceLogStore));
    }

    private DatasetDriftOptions DriftOptions(ParseResult parse)
    {
        var methods = Pairs(parse.GetValue(_method), "--method", DriftMethodNames.Parse);
        var thresholds = Pairs(parse.GetValue(_threshold), "--threshold", (text, option) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
                ? value
                : throw GyreException.InvalidInput($"{option}: '{text}' is not a number."));
        var bins = parse.GetValue(_bins);
        if (bins is < 1)
        {
            throw GyreException.InvalidInput($"--bins must be at least 1; got {bins}.");
        }

        var defaults = new ColumnDriftOptions(
            methods.TryGetValue("*", out var allMethod) ? allMethod : null, thresholds.TryGetValue("*", out var allThreshold) ? allThreshold : null, bins);
        var perColumn = methods.Keys.Concat(thresholds.Keys).Where(k => k != "*").Distinct(StringComparer.Ordinal).ToDictionary(
            column => column,
            column => defaults with
            {
                Method = methods.TryGetValue(column, out var method) ? method : defaults.Method,
                Threshold = thresholds.TryGetValue(column, out var threshold) ? threshold : defaults.Threshold,
            },
            StringComparer.Ordinal);
        return new DatasetDriftOptions(parse.GetValue(_driftShare), parse.GetValue(_correction), defaults, perColumn);
    }

    private static Dictionary<string, T> Pairs<T>(string[]? values, string option, Func<string, string, T> parse) where T : struct
    {
        var pairs = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var text in values ?? [])
        {
            var equals = text.LastIndexOf('=');
            if (equals <= 0 || equals == text.Length - 1)
            {
                throw GyreException.InvalidInput($"{option}: expected COLUMN=VALUE or *=VALUE, got '{text}'.");
            }

            pairs[text[..equals]] = parse(text[(equals + 1)..], option);
        }

        return pairs;
    }

    private static string? Resolve(CliEnvironment environment, string? path) => path is null ? null : environment.ResolvePath(path);
}
