using Serilog;

/// <summary>
/// Slipway's own build, written with Slipway: Restore, Compile and Test are the .NET components' (the solution is the
/// single Slipway.sln at the root; --configuration and --test-filter are theirs), Clean, Pack and Demo are this repository's.
/// </summary>
sealed partial class Build : SlipwayBuild, IVersioning, IRestore, ICompile, ITest
{
    public static int Main() => Execute<Build>(x => x.Pack);

    AbsolutePath PackagesDirectory => ArtifactsDirectory / "packages";

    // The components' solution and configuration, for this class's own targets.
    AbsolutePath Solution => ((IDotnetSolution)this).Solution;
    string Configuration => ((IDotnetSolution)this).Configuration;

    // The three test projects at once (-m:3): the template tests, the longest, start with the others instead of after
    // them. Their prune of the engine's build cache (a fresh CI runner's) takes BuildCacheLock, which the component tests
    // that rely on that cache hold across their builds. The console logger shows each test as it finishes.
    ToolCommand ITest.ConfigureTest(ToolCommand command) =>
        command.AddArguments("-m:3", "--logger", "console;verbosity=normal");

    Target Clean => _ => _
        .Description("Deletes artifacts/ and the bin/ and obj/ folders of src/ and tests/")
        .Before<IRestore>(x => x.Restore)
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

    Target Pack => _ => _
        .Description("Packs the NuGet packages into artifacts/packages/, versioned by GitVersion")
        .DependsOn<ICompile>(x => x.Compile)
        .Prepares(() => ((IVersioning)this).VersionAsync)
        .Executes(async () =>
        {
            var version = (await ((IVersioning)this).VersionAsync).SemVer;
            PackagesDirectory.DeleteDirectory();
            // Packing rebuilds with the version stamped in, so the assemblies carry it too.
            DotNet("pack", Solution, "-c", Configuration, "-o", PackagesDirectory, $"-p:Version={version}");
            var packages = Directory.GetFiles(PackagesDirectory, "*.nupkg");
            foreach (var package in packages) Log.Information("Packed {Package}", Path.GetFileName(package));
            ReportSummary($"{packages.Length} packages {version} in {PackagesDirectory.RelativeTo(RootDirectory)}");
        });

    static void DotNet(params string[] arguments) =>
        Tool.Of("dotnet").WithArguments(arguments).Execute();
}
