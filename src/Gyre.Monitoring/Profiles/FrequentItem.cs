namespace Gyre.Monitoring.Profiles;

/// <summary>One item kept by <see cref="FrequentItems"/>: its true count lies in [<paramref name="LowerBound"/>, <paramref name="UpperBound"/>].</summary>
/// <param name="Item">The item (ordinal string).</param>
/// <param name="LowerBound">The kept counter: a lower bound of the true count (exact when the sketch is exact).</param>
/// <param name="UpperBound">Lower bound plus the sketch's maximum error.</param>
public sealed record FrequentItem(string Item, long LowerBound, long UpperBound);
