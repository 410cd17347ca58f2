namespace Gyre.Monitoring.Reports;

/// <summary>Where one side of a comparison came from: a human description, its row count and time span (Unix ms) when known.</summary>
public sealed record DataSourceInfo(string Description, long Rows, long? FromTime = null, long? ToTime = null);
