using Slipway.IO;
using Slipway.Components.Images;
using static Slipway.Components.Tests.Images.ImageBuildFixtures;

namespace Slipway.Components.Tests.Images;

public class DockerBuildArgumentsTests
{
    private static readonly BuildCachePlan s_registryCache = BuildCachePlan.For(Request(registry: "localhost:5000", branch: "feature/x"), false);

    [Fact]
    public void Buildx_build_exports_a_tarball_named_for_this_build_and_writes_the_metadata_file()
    {
        var arguments = DockerBuildArguments.For(Request(), Buildx, BuildCachePlan.None("none"));

        Assert.Equal(
            ["buildx", "build", "--progress=rawjson", "--provenance=false", "--metadata-file", "/repo/.nuke/temp/build-0123456789ab.metadata.json",
             "--output", "type=docker,name=acme-orders:build-0123456789ab,dest=/repo/.nuke/temp/build-0123456789ab.tar", "--file", "/repo/Dockerfile", "/repo"],
            arguments);
    }

    [Fact]
    public void Commit_time_becomes_SOURCE_DATE_EPOCH_and_rewrites_layer_timestamps()
    {
        var arguments = DockerBuildArguments.For(Request() with { SourceDateEpoch = 1_700_000_000 }, Buildx, BuildCachePlan.None("none"));

        Assert.Equal(["SOURCE_DATE_EPOCH=1700000000"], ValuesOf(arguments, "--build-arg"));
        Assert.EndsWith(",rewrite-timestamp=true", Assert.Single(ValuesOf(arguments, "--output")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_tarball_path_with_a_comma_is_quoted_for_buildx()
    {
        var request = Request() with { LocalCacheDirectory = AbsolutePath.Create("/work/a,b/buildx-cache") };

        Assert.Equal("type=docker,name=acme-orders:build-0123456789ab,\"dest=/work/a,b/build-0123456789ab.tar\"",
            Assert.Single(ValuesOf(DockerBuildArguments.For(request, Buildx, BuildCachePlan.None("none")), "--output")));
    }

    [Fact]
    public void Classic_build_uses_plain_progress_and_no_cache_options()
    {
        var arguments = DockerBuildArguments.For(Request(), Classic, s_registryCache);

        Assert.Equal(["build", "--progress=plain", "--file", "/repo/Dockerfile", "--tag", "acme-orders:build-0123456789ab", "/repo"], arguments);
    }

    [Fact]
    public void Own_builder_is_named()
    {
        var arguments = DockerBuildArguments.For(Request(), Buildx with { Builder = "slipway" }, BuildCachePlan.None("none"));

        Assert.Equal(["buildx", "build", "--builder", "slipway"], arguments.Take(4));
    }

    [Fact]
    public void Registry_cache_becomes_cache_from_and_cache_to()
    {
        var arguments = DockerBuildArguments.For(Request(registry: "localhost:5000", branch: "feature/x"), Buildx, s_registryCache);

        Assert.Equal(s_registryCache.From, ValuesOf(arguments, "--cache-from"));
        Assert.Equal([s_registryCache.To!], ValuesOf(arguments, "--cache-to"));
        Assert.Equal("/repo", arguments[^1]);
    }

    [Fact]
    public void Base_images_are_build_arguments_only_when_given()
    {
        var request = Request() with { SdkImage = "localhost:5000/dotnet/sdk@sha256:aa", RuntimeImage = "localhost:5000/dotnet/aspnet@sha256:bb" };

        Assert.Equal(
            ["SDK_IMAGE=localhost:5000/dotnet/sdk@sha256:aa", "RUNTIME_IMAGE=localhost:5000/dotnet/aspnet@sha256:bb"],
            ValuesOf(DockerBuildArguments.For(request, Buildx, BuildCachePlan.None("none")), "--build-arg"));
        Assert.Empty(ValuesOf(DockerBuildArguments.For(Request(), Buildx, BuildCachePlan.None("none")), "--build-arg"));
    }

    [Fact]
    public void Labels_are_passed_in_order()
    {
        var request = Request() with { Labels = [new("org.opencontainers.image.title", "acme-orders"), new("org.opencontainers.image.version", "1.2.3")] };

        Assert.Equal(
            ["org.opencontainers.image.title=acme-orders", "org.opencontainers.image.version=1.2.3"],
            ValuesOf(DockerBuildArguments.For(request, Buildx, BuildCachePlan.None("none")), "--label"));
    }

    [Fact]
    public void No_argument_tags_anything_latest()
    {
        var arguments = DockerBuildArguments.For(Request(registry: "localhost:5000", branch: "latest-fix"), Buildx, s_registryCache);

        Assert.DoesNotContain(arguments, a => a.EndsWith(":latest", StringComparison.Ordinal));
        Assert.Equal(["type=docker,name=acme-orders:build-0123456789ab,dest=/repo/.nuke/temp/build-0123456789ab.tar"], ValuesOf(arguments, "--output"));
    }
}

public class MultiPlatformBuildArgumentsTests
{
    private static readonly Slipway.Components.Platforms.TargetPlatforms s_both = Slipway.Components.Platforms.TargetPlatforms.Parse(["linux/amd64,linux/arm64"]);

    [Fact]
    public void Two_platforms_export_an_index_into_the_checkouts_one_unpacked_OCI_layout()
    {
        var arguments = DockerBuildArguments.For(Request() with { Platforms = s_both, SourceDateEpoch = 1 }, Buildx, BuildCachePlan.None("none"));

        Assert.Equal(["linux/amd64,linux/arm64"], ValuesOf(arguments, "--platform"));
        // No tarball: BuildKit skips the blobs the layout holds from the last build; the engine loads from the layout.
        Assert.Equal("type=oci,tar=false,name=acme-orders:build-0123456789ab,dest=/repo/.nuke/temp/image-layout,rewrite-timestamp=true",
            Assert.Single(ValuesOf(arguments, "--output")));
    }

    [Fact]
    public void One_platform_is_one_manifest_in_the_OCI_layout()
    {
        var arguments = DockerBuildArguments.For(Request() with { Platforms = Slipway.Components.Platforms.TargetPlatforms.Parse(["linux/arm64"]) }, Buildx, BuildCachePlan.None("none"));

        Assert.Equal(["linux/arm64"], ValuesOf(arguments, "--platform"));
        Assert.StartsWith("type=oci,tar=false,", Assert.Single(ValuesOf(arguments, "--output")), StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_caches_are_per_branch_and_per_platform_set()
    {
        var arm64 = BuildCachePlan.For(Request(registry: "localhost:5000", branch: "main") with { Platforms = Slipway.Components.Platforms.TargetPlatforms.Parse(["linux/arm64"]) }, false);
        var both = BuildCachePlan.For(Request(registry: "localhost:5000", branch: "main") with { Platforms = s_both }, false);

        Assert.Equal("type=registry,ref=localhost:5000/acme-orders:buildcache-main-linux-arm64,mode=max,ignore-error=true", arm64.To);
        Assert.Equal("type=registry,ref=localhost:5000/acme-orders:buildcache-main-linux-amd64-linux-arm64,mode=max,ignore-error=true", both.To);
    }
}
