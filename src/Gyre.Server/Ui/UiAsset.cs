namespace Gyre.Server.Ui;

/// <summary>One file of the web UI: its bytes, content type and strong ETag (a quoted hash of the bytes). Immutable value.</summary>
internal sealed record UiAsset(byte[] Content, string ContentType, string ETag);
