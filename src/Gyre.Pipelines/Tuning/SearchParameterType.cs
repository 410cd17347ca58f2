namespace Gyre.Pipelines.Tuning;

/// <summary>The kind of values a search-space entry suggests.</summary>
public enum SearchParameterType
{
    WholeNumber,
    Real,
    Categorical,
}
