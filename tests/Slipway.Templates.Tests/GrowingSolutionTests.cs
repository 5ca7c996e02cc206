using System.Text.Json;
using Slipway.Components.Dockerfiles;
using Slipway.Components.Tests.Infrastructure;
using Slipway.IO;
using Slipway.Templates.Tests.Infrastructure;

namespace Slipway.Templates.Tests;

/// <summary>
/// The first changes a team makes to a generated service, made the way a team makes them (the dotnet CLI's own
/// templates and commands): a class library the service references, a second test project, a diagnostic relaxed in the
/// root <c>.editorconfig</c>, and a name with a hyphen. None of them needs a change to the Dockerfile.
/// </summary>
[Collection(GeneratedServiceOwnRegistriesCollection.Name)]
public sealed class GrowingSolutionTests(GeneratedService service)
{
    /// <summary>A namespace of its own in the local registry: the grown services push beside the generated one's image repository, not into it.</summary>
    private string GrowingRegistry => service.Registry + "-growing";

    [SkippableFact]
    public void A_library_a_second_test_project_and_a_relaxed_diagnostic_publish_unchanged_Dockerfile_and_a_library_change_keeps_the_restore_layer()
    {
        Expect.Docker();
        var repository = service.Pack.GenerateNamed("acme-orders", "acme-orders", "--ci", "none", "--registry", GrowingRegistry);
        var dockerfile = File.ReadAllText(repository / "Dockerfile");
        Commands.Check("dotnet", ["new", "classlib", "-n", "Acme.Orders.Domain", "-o", "src/Acme.Orders.Domain"], repository);
        Commands.Check("dotnet", ["sln", "add", "src/Acme.Orders.Domain"], repository);
        Commands.Check("dotnet", ["add", "src/acme-orders", "reference", "src/Acme.Orders.Domain"], repository);
        File.Delete(repository / "src" / "Acme.Orders.Domain" / "Class1.cs");
        WriteOrder(repository, "v1");
        // The team's own choice; without it the library does not compile (warnings are errors).
        File.AppendAllText(repository / ".editorconfig", "\n[*.cs]\ndotnet_diagnostic.CS8618.severity = none\n");
        service.Pack.New(repository, "slipway-tests", "-o", "tests/Acme.Orders.Domain.Tests", "--tested", "src/Acme.Orders.Domain/Acme.Orders.Domain.csproj");
        File.WriteAllText(repository / "tests" / "Acme.Orders.Domain.Tests" / "OrderTests.cs", """
            namespace Acme.Orders.Domain.Tests;

            public class OrderTests
            {
                [Fact]
                public void The_library_under_test_is_referenced() => Assert.StartsWith("v", Order.Greeting, StringComparison.Ordinal);
            }
            """);
        Commit(repository, "A domain library, its tests and the team's editorconfig");

        var first = service.Publish(repository);

        Expect.Succeeded(first);
        Assert.Equal(dockerfile, File.ReadAllText(repository / "Dockerfile"));
        Assert.Contains(Directory.GetFiles(repository / "artifacts" / "test-results", "*.trx"),
            trx => File.ReadAllText(trx).Contains("The_library_under_test_is_referenced", StringComparison.Ordinal));
        Assert.Contains("Acme.Orders.Domain.dll", FilesOfApp(Reference(repository)));
        Assert.Contains("acme-orders.dll", FilesOfApp(Reference(repository)));

        WriteOrder(repository, "v2");
        Commit(repository, "One line of the library");
        var second = service.PublishImage(repository);

        Expect.Succeeded(second);
        Assert.Contains("restore layer: cached", Commands.Text(second), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("9lives", "_9lives")]
    [InlineData("Contoso.Billing.Api", "Contoso.Billing.Api")]
    [InlineData("orders_v2", "orders_v2")]
    public void A_name_dotnet_new_accepts_compiles_lints_clean_and_builds_an_image_that_turns_healthy(string name, string expectedNamespace)
    {
        Expect.Docker();
        var repository = service.Pack.GenerateNamed(name, "name-" + name, "--ci", "none", "--registry", GrowingRegistry);

        Assert.True(File.Exists(repository / "src" / name / $"{name}.csproj"), $"src/{name}/{name}.csproj was not generated");
        Assert.Contains($"namespace {expectedNamespace};", File.ReadAllText(repository / "src" / name / "OrdersApp.cs"), StringComparison.Ordinal);
        var solution = Assert.Single(Directory.GetFiles(repository, "*.slnx"));
        Commands.Check("dotnet", ["build", solution, "--configuration", "Release"], repository, service.Pack.BuildEnvironment());
        var docker = DockerEnvironment.Current;
        // Linted as generated: the ARG defaults, the pinned mcr.microsoft.com images the image builds from off this machine.
        var findings = DockerLintRun.Execute(repository, repository / "Dockerfile", new Dictionary<string, string>(), _ => { }, platforms: ["linux/amd64", "linux/arm64"]);
        Assert.Empty(findings);
        var tag = $"slipway-names/{name.ToLowerInvariant().Replace('.', '-').Replace('_', '-')}:test";
        var build = Commands.Docker(["buildx", "build", "--load", "--tag", tag,
            "--build-arg", $"SDK_IMAGE={docker.SdkImage}", "--build-arg", $"RUNTIME_IMAGE={docker.RuntimeImage}", repository]);
        Assert.True(build.ExitCode == 0, Commands.Text(build));
        try
        {
            ContainerHealth.AssertTurnsHealthy(tag);
        }
        finally
        {
            Commands.Docker("image", "rm", "--force", tag);
        }
    }

    private static void WriteOrder(AbsolutePath repository, string greeting) =>
        File.WriteAllText(repository / "src" / "Acme.Orders.Domain" / "Order.cs", $$"""
            namespace Acme.Orders.Domain;

            public sealed class Order
            {
                // CS8618 unless relaxed: a non-nullable property that no constructor sets.
                public string Id { get; set; }

                public static string Greeting => "{{greeting}}";
            }
            """);

    private static void Commit(AbsolutePath repository, string message)
    {
        if (!Directory.Exists(repository / ".git")) Commands.Git(repository, "init", "--quiet", "--initial-branch", "main");
        Commands.Git(repository, "add", "--all");
        Commands.Git(repository, "commit", "--quiet", "--message", message);
    }

    private static string Reference(AbsolutePath repository)
    {
        using var record = JsonDocument.Parse(File.ReadAllText(repository / "artifacts" / "image.json"));
        return record.RootElement.GetProperty("reference").GetString()!;
    }

    // The file names in the image's /app, read from a container created (not started) from the pushed digest.
    private static IReadOnlyList<string> FilesOfApp(string reference)
    {
        var create = Commands.Docker("create", "--platform", "linux/amd64", reference);
        Assert.True(create.ExitCode == 0, Commands.Text(create));
        var container = create.StandardOutput.Trim();
        var directory = Directory.CreateTempSubdirectory("slipway-app-").FullName;
        try
        {
            var copy = Commands.Docker("cp", $"{container}:/app/.", directory);
            Assert.True(copy.ExitCode == 0, Commands.Text(copy));
            return [.. Directory.GetFiles(directory).Select(Path.GetFileName).OfType<string>()];
        }
        finally
        {
            Commands.Docker("rm", "--force", container);
            Directory.Delete(directory, recursive: true);
        }
    }
}
