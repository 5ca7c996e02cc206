using Slipway.Components.Registry;

namespace Slipway.Components.Tests.Registry;

public class DockerfileBaseImagesTests
{
    private const string OldDigest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string NewDigest = "sha256:2222222222222222222222222222222222222222222222222222222222222222";

    private const string Dockerfile =
        "# syntax=docker/dockerfile:1\r\n" +
        $"ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0@{OldDigest}\r\n" +
        "ARG RUNTIME_IMAGE=\"localhost:5000/dotnet/aspnet:10.0.12-bookworm\"\r\n" +
        "ARG DOTNET_VERSION=10.0\r\n" +
        "FROM ${SDK_IMAGE} AS build\r\n" +
        "RUN <<EOF\r\n" +
        "FROM alpine:3.20\r\n" +
        "EOF\r\n" +
        "RUN echo one \\\r\n" +
        "  FROM debian:12\r\n" +
        $"FROM --platform=$BUILDPLATFORM debian:bookworm-slim@{OldDigest} AS tools\r\n" +
        "FROM build AS test\r\n" +
        "FROM $RUNTIME_IMAGE\r\n";

    [Fact]
    public void Finds_from_lines_and_the_argument_defaults_a_from_uses()
    {
        var found = DockerfileBaseImages.Find(Dockerfile);

        Assert.Equal(
            [
                (1, "SDK_IMAGE", $"mcr.microsoft.com/dotnet/sdk:10.0@{OldDigest}"),
                (2, "RUNTIME_IMAGE", "localhost:5000/dotnet/aspnet:10.0.12-bookworm"),
                (10, (string?)null, $"debian:bookworm-slim@{OldDigest}"),
            ],
            found.Select(o => (o.Line, o.ArgumentName, o.Reference.Text)));
        Assert.Equal("docker.io/library/debian", found[2].Reference.Repository!.ToString());
        Assert.Equal("bookworm-slim", found[2].Reference.Tag);
        Assert.Equal(OldDigest, found[2].Reference.Digest);
    }

    [Fact]
    public void Rewrites_only_the_digests_and_keeps_every_other_byte()
    {
        var found = DockerfileBaseImages.Find(Dockerfile);
        var rewritten = DockerfileBaseImages.Rewrite(Dockerfile, found.Select(o => (o, o.Reference.WithDigest(NewDigest))));

        var expected = Dockerfile
            .Replace($"sdk:10.0@{OldDigest}", $"sdk:10.0@{NewDigest}", StringComparison.Ordinal)
            .Replace("aspnet:10.0.12-bookworm\"", $"aspnet:10.0.12-bookworm@{NewDigest}\"", StringComparison.Ordinal)
            .Replace($"bookworm-slim@{OldDigest}", $"bookworm-slim@{NewDigest}", StringComparison.Ordinal);
        Assert.Equal(expected, rewritten);
    }
}
