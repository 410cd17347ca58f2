using Gyre.Serving.Deploy;

namespace Gyre.Cli.Tests.Deploy;

/// <summary>The Dockerfile adds libgomp1 only for models whose trainer needs OpenMP.</summary>
public sealed class DockerfileGeneratorTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Libgomp_OnlyWhenTheModelNeedsOpenMp(bool needsOpenMp)
    {
        var spec = new DeploymentSpec { ModelName = "Churn Model", ModelVersion = "3", PackagePath = "/nowhere", NeedsOpenMp = needsOpenMp };
        var docker = new GeneratedDockerfile(DockerfileGenerator.Dockerfile(spec));

        var install = Assert.Single(docker.All("RUN"), r => r.Contains("apt-get install", StringComparison.Ordinal));
        Assert.Equal(needsOpenMp, install.Contains("libgomp1", StringComparison.Ordinal));
        Assert.Contains("curl", install, StringComparison.Ordinal);
        Assert.Equal("/models/churn-model", docker.EntrypointFlag("--package"));
        Assert.Equal("Churn Model", docker.EntrypointFlag("--name"));
        Assert.Equal("gyre-model-churn-model:3", spec.EffectiveImage);
    }
}
