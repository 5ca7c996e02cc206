using Slipway.Common.Tests.PublicApi;

namespace Slipway.Components.Tests.PublicApi;

/// <summary>
/// Slipway.Components' public API is what builds and other components use: every change to it shows up here as a diff
/// against <c>Slipway.Components.api.txt</c> and is accepted on purpose (<c>SLIPWAY_ACCEPT_API=1</c>).
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void Public_API_matches_the_approved_snapshot() =>
        ApiSnapshot.Verify(typeof(IPublish).Assembly, "tests/Slipway.Components.Tests/PublicApi/Slipway.Components.api.txt");
}

/// <summary>
/// The build file needs no using line: every namespace with a public type of Slipway.Components is a global using of the
/// package (<c>buildTransitive/Slipway.Components.props</c>), so a new component folder cannot be forgotten there.
/// </summary>
public sealed class GlobalUsingsTests
{
    [Fact]
    public void Every_public_namespace_of_the_components_is_a_global_using_of_the_package()
    {
        var props = System.Xml.Linq.XDocument.Load(Infrastructure.RepositoryPaths.Root / "src/Slipway.Components/buildTransitive/Slipway.Components.props");
        var usings = props.Descendants("Using").Select(u => (string?)u.Attribute("Include")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var namespaces = typeof(IPublish).Assembly.GetExportedTypes().Select(t => t.Namespace).OfType<string>().Distinct(StringComparer.Ordinal);

        Assert.Empty(namespaces.Where(n => !usings.Contains(n)).Order(StringComparer.Ordinal));
    }
}
