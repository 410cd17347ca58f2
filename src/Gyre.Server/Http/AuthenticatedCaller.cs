namespace Gyre.Server.Http;

/// <summary>The API token a request was authenticated with under <c>--auth</c> (a request feature; absent without <c>--auth</c>).</summary>
internal sealed record AuthenticatedCaller(string TokenName);
