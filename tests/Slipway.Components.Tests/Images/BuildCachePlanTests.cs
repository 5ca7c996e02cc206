using Slipway.Components.Images;
using static Slipway.Components.Tests.Images.ImageBuildFixtures;

namespace Slipway.Components.Tests.Images;

public class BuildCachePlanTests
{
    [Fact]
    public void Feature_branch_reads_its_own_and_the_default_branch_cache_and_writes_its_own()
    {
        var plan = BuildCachePlan.For(Request(registry: "ghcr.io/acme", branch: "feature/x"), localCacheExists: false);

        Assert.Equal(
            ["type=registry,ref=ghcr.io/acme/acme-orders:buildcache-feature-x", "type=registry,ref=ghcr.io/acme/acme-orders:buildcache-main"],
            plan.From);
        Assert.Equal("type=registry,ref=ghcr.io/acme/acme-orders:buildcache-feature-x,mode=max,ignore-error=true", plan.To);
    }

    [Fact]
    public void Default_branch_reads_its_cache_once()
    {
        var plan = BuildCachePlan.For(Request(registry: "localhost:5000", branch: "main"), localCacheExists: false);

        Assert.Equal(["type=registry,ref=localhost:5000/acme-orders:buildcache-main"], plan.From);
        Assert.Equal("type=registry,ref=localhost:5000/acme-orders:buildcache-main,mode=max,ignore-error=true", plan.To);
    }

    [Fact]
    public void Unknown_branch_reads_the_default_branch_cache_and_writes_none()
    {
        var plan = BuildCachePlan.For(Request(registry: "localhost:5000", branch: null), localCacheExists: false);

        Assert.Equal(["type=registry,ref=localhost:5000/acme-orders:buildcache-main"], plan.From);
        Assert.Null(plan.To);
        Assert.Contains("branch is unknown", plan.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_registry_the_local_cache_is_exported_to_a_fresh_directory()
    {
        var plan = BuildCachePlan.For(Request(), localCacheExists: false);

        Assert.Empty(plan.From); // importing a missing local cache only produces a warning
        Assert.Equal("type=local,dest=/repo/.nuke/temp/buildx-cache-next,mode=max", plan.To);
    }

    [Fact]
    public void Without_registry_an_existing_local_cache_is_imported()
    {
        var plan = BuildCachePlan.For(Request(), localCacheExists: true);

        Assert.Equal(["type=local,src=/repo/.nuke/temp/buildx-cache"], plan.From);
    }

    [Fact]
    public void Invalid_registry_is_rejected_with_the_fix() =>
        Assert.Contains("ghcr.io/acme",
            Assert.Throws<BuildFailedException>(() => BuildCachePlan.For(Request(registry: "https://ghcr.io/acme"), false)).Message,
            StringComparison.Ordinal);
}
