using Gyre.Core;
using Gyre.Tracking.Artifacts;

namespace Gyre.Tracking.Tests.Artifacts;

public sealed class ArtifactUrisTests
{
    [Theory]
    [InlineData("s3://bucket/mlruns/", "s3://bucket/mlruns")]
    [InlineData("mlflow-artifacts:/", "mlflow-artifacts:")]
    [InlineData("file:///srv/artifacts", "file:///srv/artifacts")]
    public void NormalizeRoot_Uri_KeepsItWithoutTrailingSlash(string root, string expected)
        => Assert.Equal(expected, ArtifactUris.NormalizeRoot(root));

    [Fact]
    public void NormalizeRoot_RelativeFolder_BecomesAbsoluteFileUri()
        => Assert.Equal(new Uri(Path.GetFullPath("some folder")).AbsoluteUri, ArtifactUris.NormalizeRoot("some folder"));

    [Fact]
    public void ForExperimentAndRun_MlflowArtifactsRoot_FollowMlflowLayout()
    {
        var experiment = ArtifactUris.ForExperiment(ArtifactUris.NormalizeRoot("mlflow-artifacts:/"), new ExperimentId("4"));

        Assert.Equal("mlflow-artifacts:/4", experiment);
        Assert.Equal("mlflow-artifacts:/4/abc/artifacts", ArtifactUris.ForRun(experiment, new RunId("abc")));
    }

    [Fact]
    public void NormalizeRoot_Blank_ThrowsInvalidInput()
        => Assert.Equal(ErrorKind.InvalidInput, Assert.Throws<GyreException>(() => ArtifactUris.NormalizeRoot(" ")).Kind);
}
