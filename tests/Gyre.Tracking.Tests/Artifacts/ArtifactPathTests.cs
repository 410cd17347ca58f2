using Gyre.Core;
using Gyre.Tracking.Artifacts;

namespace Gyre.Tracking.Tests.Artifacts;

public sealed class ArtifactPathTests
{
    [Theory]
    [InlineData("a.txt", new[] { "a.txt" })]
    [InlineData("model/best/weights.bin", new[] { "model", "best", "weights.bin" })]
    [InlineData("folder/", new[] { "folder" })]
    [InlineData("100%.txt", new[] { "100%.txt" })]
    [InlineData("a%20b.txt", new[] { "a%20b.txt" })]
    [InlineData("rapports d'été/résumé.txt", new[] { "rapports d'été", "résumé.txt" })]
    [InlineData("..hidden/x..y", new[] { "..hidden", "x..y" })]
    public void Split_SafePath_ReturnsItsPartsLiterally(string path, string[] expected)
        => Assert.Equal(expected, ArtifactPath.Split(path));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Split_NullOrEmpty_IsTheRoot(string? path)
        => Assert.Empty(ArtifactPath.Split(path));

    [Theory]
    [InlineData("..", "'..'")]
    [InlineData("a/../b", "'..'")]
    [InlineData("./a", "'.'")]
    [InlineData("a//b", "empty parts")]
    [InlineData("/etc/passwd", "relative")]
    [InlineData("C:/Windows", "':'")]
    [InlineData("file:///etc/passwd", "':'")]
    [InlineData("a\\b", "backslashes")]
    [InlineData("..\\..\\escape", "backslashes")]
    [InlineData("a\0b", "control characters")]
    [InlineData("a\tb", "control characters")]
    [InlineData("%2e%2e", "percent-encoded")]
    [InlineData("%2E%2E/escape", "percent-encoded")]
    [InlineData("a/%2e%2e/%2e%2e/escape", "percent-encoded")]
    [InlineData(".%2e/escape", "percent-encoded")]
    [InlineData("a%2Fb", "percent-encoded")]
    [InlineData("a%2fb", "percent-encoded")]
    [InlineData("%2Fetc%2Fpasswd", "percent-encoded")]
    [InlineData("%252e%252e/escape", "percent-encoded")]
    [InlineData("%25252e%25252e", "percent-encoded")]
    [InlineData("a%5Cb", "percent-encoded")]
    [InlineData("a%5cb", "percent-encoded")]
    [InlineData("a%00b", "percent-encoded")]
    [InlineData("a%0Ab", "percent-encoded")]
    [InlineData("a%7Fb", "percent-encoded")]
    [InlineData("C%3A/Windows", "':'")]
    public void Split_UnsafePath_ThrowsInvalidInputNamingThePathAndTheReason(string path, string reason)
    {
        var error = Assert.Throws<GyreException>(() => ArtifactPath.Split(path));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains($"'{path}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a/b/", "a/b")]
    [InlineData("a", "a")]
    [InlineData(null, "")]
    public void Normalize_SafePath_DropsTheTrailingSlash(string? path, string expected)
        => Assert.Equal(expected, ArtifactPath.Normalize(path));

    [Theory]
    [InlineData("3/run/artifacts", "model/m.json", "3/run/artifacts/model/m.json")]
    [InlineData("3/run/artifacts", "", "3/run/artifacts")]
    [InlineData("", "model/", "model")]
    [InlineData(null, null, "")]
    public void Combine_SafePaths_JoinsThemCanonically(string? first, string? second, string expected)
        => Assert.Equal(expected, ArtifactPath.Combine(first, second));

    [Fact]
    public void Combine_UnsafeSecondPath_ThrowsInvalidInputNamingIt()
    {
        var error = Assert.Throws<GyreException>(() => ArtifactPath.Combine("3/run/artifacts", "../../other"));

        Assert.Contains("'../../other'", error.Message, StringComparison.Ordinal);
    }
}
