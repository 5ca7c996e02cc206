using System.Text.Json;
using Serilog;
using Slipway;
using Slipway.Components.Versioning;
using Slipway.IO;
using Slipway.Processes;

/// <summary>The Demo target: the product as a user meets it, from the packed template to a pushed image.</summary>
sealed partial class Build
{
    [Parameter("Registry and namespace the demo service is pushed to, e.g. localhost:5000/demo (default: a registry the demo starts on loopback and stops afterwards)")]
    readonly string? Registry;

    AbsolutePath DemoDirectory => ArtifactsDirectory / "demo";
    AbsolutePath DemoService => DemoDirectory / "Acme.Orders";

    Target Demo => _ => _
        .Description("Packs, installs the template into an isolated hive, generates artifacts/demo/Acme.Orders, tags it v1.0.0 and runs its ./build.sh Publish")
        .DependsOn(Pack)
        .Executes(() =>
        {
            var version = ((IVersioning)this).Version.SemVer;
            var hive = TemporaryDirectory / "demo-hive";
            DemoDirectory.DeleteDirectory();
            hive.DeleteDirectory();

            DotNet("new", "install", PackagesDirectory / $"Slipway.Templates.{version}.nupkg", "--debug:custom-hive", hive);
            using var ownRegistry = Registry is null ? LoopbackRegistry.Start(TemporaryDirectory / "demo-registry") : null;
            var registry = Registry ?? $"{ownRegistry!.Host}/demo";
            DotNet("new", "slipway", "-n", "Acme.Orders", "-o", DemoService, "--registry", registry, "--debug:custom-hive", hive);

            Git("init", "--quiet", "--initial-branch", "main");
            Git("add", "--all");
            Git("commit", "--quiet", "--message", "Acme.Orders from dotnet new slipway");
            Git("tag", "v1.0.0");

            // The demo's build restores Slipway.Components from the packages just packed; a published Slipway needs no extra source.
            Tool.Of(DemoService / "build.sh").WithArguments(["Publish"]).WithWorkingDirectory(DemoService)
                .WithEnvironment("RestoreAdditionalProjectSources", PackagesDirectory)
                .Execute();

            using var record = JsonDocument.Parse((DemoService / "artifacts" / "image.json").ReadAllText());
            var reference = record.RootElement.GetProperty("reference").GetString();
            var tags = string.Join(", ", record.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
            Log.Information("Published {Reference} as {Tags}", reference, tags);
            Log.Information("Run it: docker run --rm -p 8080:8080 {Reference}, then curl http://localhost:8080/healthz/ready", reference);
            if (ownRegistry is not null)
                Log.Information("The demo registry {Registry} stops with this build; the image stays in the local docker", ownRegistry.Host);
            ReportSummary($"{reference} ({tags})");
        });

    void Git(params string[] arguments) =>
        Tool.Of("git").WithArguments(["-c", "user.name=Slipway Demo", "-c", "user.email=demo@slipway.invalid", "-c", "commit.gpgsign=false", .. arguments])
            .WithWorkingDirectory(DemoService).Execute();
}
