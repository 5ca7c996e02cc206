using Serilog;
using Slipway;
using Slipway.Components.Versioning;
using Slipway.IO;
using Slipway.Processes;

/// <summary>Slipway's own build, written with Slipway.</summary>
sealed partial class Build : SlipwayBuild, IVersioning
{
    public static int Main() => Execute<Build>(x => x.Pack);

    [Parameter("Configuration to build: Debug or Release")]
    readonly Configuration Configuration = Configuration.Release;

    [Parameter("Test filter passed to dotnet test --filter, e.g. FullyQualifiedName~Planner")]
    readonly string? TestFilter;

    AbsolutePath Solution => RootDirectory / "Slipway.sln";
    AbsolutePath TestResultsDirectory => ArtifactsDirectory / "test-results";
    AbsolutePath PackagesDirectory => ArtifactsDirectory / "packages";

    Target Clean => _ => _
        .Description("Deletes artifacts/ and the bin/ and obj/ folders of src/ and tests/")
        .Before(Restore)
        .Executes(() =>
        {
            ArtifactsDirectory.DeleteDirectory();
            foreach (var folder in new[] { "src", "tests" })
            {
                foreach (var dir in Directory.EnumerateDirectories(RootDirectory / folder, "*", SearchOption.AllDirectories)
                             .Where(d => Path.GetFileName(d) is "bin" or "obj").ToList())
                {
                    if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
                }
            }
        });

    Target Restore => _ => _
        .Description("Restores NuGet packages of the solution")
        .Executes(() => DotNet("restore", Solution));

    Target Compile => _ => _
        .Description("Builds the solution")
        .DependsOn(Restore)
        .Executes(() => DotNet("build", Solution, "--no-restore", "-c", Configuration.ToString()));

    Target Test => _ => _
        .Description("Runs every test project; TRX files into artifacts/test-results/")
        .DependsOn(Compile)
        .Executes(async () =>
        {
            TestResultsDirectory.DeleteDirectory();
            // One test project at a time: the template tests prune the engine's build cache (a fresh CI runner's), which
            // must not happen under another project's build.
            var args = new List<string> { "test", Solution, "--no-build", "-c", Configuration.ToString(), "-m:1",
                "--results-directory", TestResultsDirectory, "--logger", "trx", "--logger", "console;verbosity=normal" };
            if (TestFilter is not null) args.AddRange(["--filter", TestFilter]);
            var failure = default(ToolFailedException);
            try
            {
                await Tool.Of("dotnet").WithArguments(args).ExecuteAsync();
            }
            catch (ToolFailedException ex)
            {
                failure = ex;
            }
            var counts = TestCounts.Read(TestResultsDirectory);
            ReportSummary(counts.ToString());
            Log.Information("Tests: {Counts}", counts.ToString());
            if (failure is not null) throw failure;
        });

    Target Pack => _ => _
        .Description("Packs the NuGet packages into artifacts/packages/, versioned by GitVersion")
        .DependsOn(Compile)
        .Executes(() =>
        {
            var version = ((IVersioning)this).Version.SemVer;
            PackagesDirectory.DeleteDirectory();
            // Packing rebuilds with the version stamped in, so the assemblies carry it too.
            DotNet("pack", Solution, "-c", Configuration.ToString(), "-o", PackagesDirectory, $"-p:Version={version}");
            var packages = Directory.GetFiles(PackagesDirectory, "*.nupkg");
            foreach (var package in packages) Log.Information("Packed {Package}", Path.GetFileName(package));
            ReportSummary($"{packages.Length} packages {version} in {PackagesDirectory.RelativeTo(RootDirectory)}");
        });

    static void DotNet(params string[] arguments) =>
        Tool.Of("dotnet").WithArguments(arguments).Execute();
}

enum Configuration
{
    Debug,
    Release,
}
