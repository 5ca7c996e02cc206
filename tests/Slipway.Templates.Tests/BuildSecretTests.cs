using Slipway.Components.Tests.Registry;
using Slipway.IO;
using Slipway.Templates.Tests.Infrastructure;

namespace Slipway.Templates.Tests;

/// <summary>
/// No secret leaves the build: a private NuGet feed (its <c>nuget.config</c> in lower case) and its token reach <c>dotnet restore</c> in the image build, the token only as a
/// BuildKit secret, and neither it nor a developer's nested <c>.env</c> file is in any blob the registry holds for the
/// repository: image layers, configs and the <c>mode=max</c> build cache of every stage.
/// </summary>
[Collection(GeneratedServiceOwnRegistriesCollection.Name)]
public sealed class BuildSecretTests(GeneratedService service)
{
    private const string FeedPackage = "Acme.Private.Greeting";

    [SkippableFact]
    public void A_private_feed_restores_in_the_build_with_its_token_and_no_registry_blob_holds_the_token_or_a_nested_env_file()
    {
        Expect.Docker();
        Skip.IfNot(OwnRegistry.Installed, "docker-registry is not installed (tests/infra/container-env.sh installs it)");
        var token = "feed-token-" + Guid.NewGuid().ToString("N");
        var dotenvSecret = "dotenv-secret-" + Guid.NewGuid().ToString("N");
        // 172.17.0.1 is the Docker bridge's gateway: the host's address as build containers see it.
        using var feed = new PrivateNuGetFeed("172.17.0.1", token, FeedPackage, "1.0.0");
        using var registry = new OwnRegistry();
        registry.Start();
        var copy = service.Copy("private-feed");
        UsePrivateFeed(copy, feed);
        Commands.Git(copy, "add", "--all");
        Commands.Git(copy, "commit", "--quiet", "--message", "Use the private feed");
        // A developer's local settings: untracked, and kept out of the build context by .dockerignore at any depth.
        File.WriteAllText(copy / "src" / "Acme.Orders" / ".env", $"API_KEY={dotenvSecret}\n");

        var run = service.Publish(copy, ["Publish", "--registry", $"{registry.Host}/acme"],
            new Dictionary<string, string> { ["NUGET_AUTH_TOKEN"] = token });

        Expect.Succeeded(run);
        Assert.True(feed.ServedAContainer,
            $"the build container never fetched {FeedPackage} with the token; clients that did: {string.Join(", ", feed.AuthorizedClients)}");
        Assert.True(registry.HasTag("acme/acme-orders", GeneratedService.MainCacheTag), "the build cache was not exported, so the test proves nothing");
        Assert.True(registry.BlobCount >= 10, $"only {registry.BlobCount} blobs in the registry");
        Assert.Empty(registry.BlobsContaining(token));
        Assert.Empty(registry.BlobsContaining(dotenvSecret));
        Assert.DoesNotContain(token, Commands.Text(run), StringComparison.Ordinal);
    }

    private static void UsePrivateFeed(AbsolutePath repository, PrivateNuGetFeed feed)
    {
        // In lower case, as `dotnet new nugetconfig` writes it: the image's restore finds it in any casing.
        File.WriteAllText(repository / "nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                <add key="acme-private" value="{feed.Url}" allowInsecureConnections="true" />
              </packageSources>
              <!-- Central package management with two sources wants each package mapped to its source (NU1507). -->
              <packageSourceMapping>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
                <packageSource key="acme-private"><package pattern="Acme.Private.*" /></packageSource>
              </packageSourceMapping>
              <packageSourceCredentials>
                <acme-private>
                  <add key="Username" value="acme" />
                  <add key="ClearTextPassword" value="%NUGET_AUTH_TOKEN%" />
                </acme-private>
              </packageSourceCredentials>
            </configuration>
            """);
        var props = repository / "Directory.Packages.props";
        File.WriteAllText(props, File.ReadAllText(props).Replace("</ItemGroup>",
            $"  <PackageVersion Include=\"{FeedPackage}\" Version=\"{feed.Version}\" />\n  </ItemGroup>", StringComparison.Ordinal));
        var project = repository / "src" / "Acme.Orders" / "Acme.Orders.csproj";
        File.WriteAllText(project, File.ReadAllText(project).Replace("</Project>",
            $"  <ItemGroup>\n    <PackageReference Include=\"{FeedPackage}\" />\n  </ItemGroup>\n</Project>", StringComparison.Ordinal));
    }
}
