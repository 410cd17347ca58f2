using System.Globalization;
using System.Text;
using Gyre.Core;

namespace Gyre.Serving.Deploy;

/// <summary>
/// What to deploy and how: the resolved model (its name, version and package folder) and the container settings.
/// <see cref="Validate"/> checks every field and names the flag of a wrong one.
/// </summary>
public sealed record DeploymentSpec
{
    /// <summary>The model's name: the serving endpoint name.</summary>
    public required string ModelName { get; init; }

    /// <summary>The model's version (a registry version number, or a short content hash for a package folder).</summary>
    public required string ModelVersion { get; init; }

    /// <summary>The model package folder on this machine (copied into the output for Docker and KServe).</summary>
    public required string PackagePath { get; init; }

    /// <summary>Whether the model's trainer needs native libraries beyond the base image (LightGBM needs libgomp1).</summary>
    public bool NeedsOpenMp { get; init; }

    /// <summary>The container image; default <c>gyre-model-NAME:VERSION</c>.</summary>
    public string? Image { get; init; }

    /// <summary>The port gyre serve listens on inside the container.</summary>
    public int Port { get; init; } = 8080;

    /// <summary>Pod replicas (and the HPA's minimum).</summary>
    public int Replicas { get; init; } = 2;

    /// <summary>CPU request (Kubernetes quantity, e.g. 500m).</summary>
    public string Cpu { get; init; } = "500m";

    /// <summary>Memory request and limit (Kubernetes quantity, e.g. 512Mi).</summary>
    public string Memory { get; init; } = "512Mi";

    /// <summary>KServe's storageUri for the model package; default a PVC path.</summary>
    public string? StorageUri { get; init; }

    /// <summary>The Kubernetes object name: the model name made a DNS-1123 label (lowercase letters, digits, '-').</summary>
    public string ResourceName => DnsLabel(ModelName);

    /// <summary>The image to run.</summary>
    public string EffectiveImage => Image ?? $"gyre-model-{ResourceName}:{ImageTag(ModelVersion)}";

    /// <summary>Where the image holds the model package.</summary>
    public string ContainerModelPath => ServingContainer.ModelRoot + "/" + ResourceName;

    /// <summary>The storage KServe downloads the model package from.</summary>
    public string EffectiveStorageUri => StorageUri ?? $"pvc://gyre-models/{ResourceName}/{ImageTag(ModelVersion)}";

    /// <summary>The pod's CPU limit: twice the request (throttling at the request hurts tail latency).</summary>
    public string CpuLimit => Cpu.EndsWith('m')
        ? (int.Parse(Cpu.AsSpan(0, Cpu.Length - 1), CultureInfo.InvariantCulture) * 2).ToString(CultureInfo.InvariantCulture) + "m"
        : (double.Parse(Cpu, CultureInfo.InvariantCulture) * 2).ToString(CultureInfo.InvariantCulture);

    /// <summary>Throws <see cref="GyreException"/> (InvalidInput) naming the flag of the first wrong field.</summary>
    public void Validate()
    {
        if (Port is < 1 or > 65535)
        {
            throw GyreException.InvalidInput($"--port must be 1-65535; got {Port}.");
        }

        if (Replicas < 1)
        {
            throw GyreException.InvalidInput($"--replicas must be at least 1; got {Replicas}.");
        }

        if (!IsCpuQuantity(Cpu))
        {
            throw GyreException.InvalidInput($"--cpu must be a CPU quantity such as 500m or 1.5; got '{Cpu}'.");
        }

        if (!IsMemoryQuantity(Memory))
        {
            throw GyreException.InvalidInput($"--memory must be a memory quantity such as 512Mi or 2Gi; got '{Memory}'.");
        }

        if (ResourceName.Length == 0)
        {
            throw GyreException.InvalidInput($"The model name '{ModelName}' has no letters or digits to name Kubernetes objects with; give --name.");
        }

        if (Image is not null && (Image.Length == 0 || Image.Any(char.IsWhiteSpace)))
        {
            throw GyreException.InvalidInput($"--image must be an image reference without spaces; got '{Image}'.");
        }
    }

    /// <summary>A DNS-1123 label: lowercase, runs of other characters as one '-', trimmed, at most 63 characters.</summary>
    public static string DnsLabel(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var label = builder.ToString().Trim('-');
        return label.Length > 63 ? label[..63].TrimEnd('-') : label;
    }

    private static string ImageTag(string version)
    {
        var tag = new string([.. version.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '-')]);
        return tag.Length == 0 ? "latest" : tag;
    }

    private static bool IsCpuQuantity(string text) =>
        (text.EndsWith('m') && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var milli) && milli > 0)
        || (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cores) && cores > 0);

    private static bool IsMemoryQuantity(string text)
    {
        string[] suffixes = ["Ki", "Mi", "Gi", "Ti", "K", "M", "G", "T", ""];
        var suffix = suffixes.First(s => text.EndsWith(s, StringComparison.Ordinal));
        return long.TryParse(text.AsSpan(0, text.Length - suffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount > 0;
    }
}
