namespace Gyre.Core;

/// <summary>
/// One page of a search. <paramref name="NextPageToken"/> is opaque to callers and null on the last page.
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextPageToken);
