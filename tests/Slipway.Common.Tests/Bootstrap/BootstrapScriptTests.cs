namespace Slipway.Common.Tests.Bootstrap;

/// <summary>
/// What build.sh and build.ps1 both promise, run for real in a sample repository: the first run compiles, later
/// runs start the compiled build directly until an input changes; arguments and exit codes pass through.
/// </summary>
public abstract class BootstrapScriptTests
{
    private readonly BootstrapScript _script;
    private readonly CompiledSample _sample;

    private protected BootstrapScriptTests(BootstrapScript script, CompiledSample sample)
    {
        _script = script;
        _sample = sample;
    }

    private string BuildDll(SampleRepository repository) => repository.PathOf(".nuke/temp/build-bin/_build.dll");

    private SampleRepository CompiledRepository()
    {
        Skip.IfNot(_script.IsAvailable, _script.MissingReason);
        Assert.True(_sample.FirstRun.ExitCode == 0, _sample.FirstRun.ToString());
        return _sample.Repository;
    }

    private SampleRepository FreshRepository(bool withBuild = true)
    {
        Skip.IfNot(_script.IsAvailable, _script.MissingReason);
        return SampleRepository.Create(withBuild);
    }

    [SkippableFact]
    public void First_run_compiles_and_the_next_run_starts_the_compiled_build_directly()
    {
        var repository = CompiledRepository();
        var first = _sample.FirstRun;
        Assert.Contains(ScriptRun.Compiling + " (first run)", first.StandardError, StringComparison.Ordinal);
        Assert.Contains(SampleFiles.Greeting + ", world!", first.StandardOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(repository.PathOf(".nuke/temp/" + _script.FingerprintFile)), "no fingerprint recorded after a successful compile");
        var compiledAt = File.GetLastWriteTimeUtc(BuildDll(repository));

        var second = repository.Run(_script);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.True(second.WasWarm, second.ToString());
        Assert.False(second.Compiled, second.ToString());
        Assert.Contains(SampleFiles.Greeting + ", world!", second.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(compiledAt, File.GetLastWriteTimeUtc(BuildDll(repository)));
        // The methods the run still had to JIT-compile, recorded for the next run of the same command to compile ahead.
        Assert.True(File.Exists(repository.PathOf(".nuke/temp/build-bin/jit.default.profile")), "no JIT profile beside the compiled build");
    }

    [SkippableFact]
    public void The_compiled_build_and_the_engine_are_ReadyToRun_for_this_machine_unless_asked_not_to()
    {
        using var repository = FreshRepository();
        var run = repository.Run(_script, [], environment: new Dictionary<string, string> { ["SLIPWAY_NO_READY_TO_RUN"] = "0" });

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(IsReadyToRun(BuildDll(repository)), "the build's own assembly has no ReadyToRun code");
        Assert.True(IsReadyToRun(repository.PathOf(".nuke/temp/build-bin/Slipway.Common.dll")), "the engine has no ReadyToRun code");
        // Every other run of these tests compiles with SLIPWAY_NO_READY_TO_RUN=1: plain IL.
        Assert.False(IsReadyToRun(BuildDll(CompiledRepository())), "SLIPWAY_NO_READY_TO_RUN=1 compiled ReadyToRun code");
    }

    // A ReadyToRun image carries a managed native header in its CLI header.
    private static bool IsReadyToRun(string assembly)
    {
        using var reader = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(assembly));
        return reader.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }

    [SkippableFact]
    public void A_failing_target_makes_the_script_exit_non_zero()
    {
        var run = CompiledRepository().Run(_script, "Fail");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("failed on purpose", run.StandardOutput + run.StandardError, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void The_build_exit_code_is_passed_on_unchanged()
    {
        var run = CompiledRepository().Run(_script, "NoSuchTarget");

        Assert.True(run.ExitCode == 2, run.ToString()); // the engine's usage error
        Assert.Contains("Unknown target 'NoSuchTarget'", run.StandardOutput + run.StandardError, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Arguments_reach_the_build_exactly_as_given()
    {
        var repository = CompiledRepository();
        string[] arguments = ["Greet", "a b  c", "", "it's", "say \"hi\"", "$HOME", "*", "tab\there", "two\nlines", "ünïcødé", "-Verbose", "--"];
        var argsFile = repository.PathOf("args.txt");

        var run = repository.Run(_script, arguments, environment: new Dictionary<string, string> { ["SAMPLE_ARGS_FILE"] = argsFile });

        Assert.True(File.Exists(argsFile), run.ToString());
        Assert.Equal(arguments, File.ReadAllText(argsFile).Split('\0'));
    }

    [SkippableFact]
    public void A_parameter_value_with_spaces_reaches_the_target()
    {
        var run = CompiledRepository().Run(_script, "Greet", "--name", "Ada  Lovelace");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(SampleFiles.Greeting + ", Ada  Lovelace!", run.StandardOutput, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Works_from_any_current_directory()
    {
        var repository = CompiledRepository();
        var outside = Directory.CreateTempSubdirectory("slipway-elsewhere-");
        try
        {
            foreach (var directory in new[] { repository.PathOf("build"), outside.FullName })
            {
                var run = repository.Run(_script, [], workingDirectory: directory);

                Assert.True(run.ExitCode == 0 && run.WasWarm, $"from {directory}: {run}");
                Assert.Contains("ROOT: " + repository.Root, run.StandardOutput, StringComparison.Ordinal);
            }
        }
        finally
        {
            outside.Delete(recursive: true);
        }
    }

    [SkippableFact]
    public void No_warm_flag_or_environment_variable_forces_a_recompile()
    {
        var repository = CompiledRepository();

        var flag = repository.Run(_script, "--no-warm");
        var variable = repository.Run(_script, [], environment: new Dictionary<string, string> { ["SLIPWAY_NO_WARM_START"] = "1" });
        var after = repository.Run(_script);

        // The build itself would reject --no-warm as an unknown parameter (exit 2): the script must consume it.
        Assert.True(flag.ExitCode == 0, flag.ToString());
        Assert.Contains(ScriptRun.Compiling + " (--no-warm)", flag.StandardError, StringComparison.Ordinal);
        Assert.True(variable.ExitCode == 0, variable.ToString());
        Assert.Contains(ScriptRun.Compiling + " (SLIPWAY_NO_WARM_START=1)", variable.StandardError, StringComparison.Ordinal);
        Assert.True(after.WasWarm, after.ToString());
    }

    [SkippableFact]
    public void Changing_adding_or_deleting_a_file_under_build_recompiles()
    {
        using var repository = FreshRepository();
        Assert.True(repository.Run(_script).Compiled);

        repository.Write("build/Build.cs", repository.Read("build/Build.cs").Replace("GREETING: Hello", "GREETING: Howdy", StringComparison.Ordinal));
        var edited = repository.Run(_script);
        repository.Write("build/Extra.cs", "static class Extra { }\n");
        var added = repository.Run(_script);
        repository.Delete("build/Extra.cs");
        var deleted = repository.Run(_script);
        var unchanged = repository.Run(_script);

        foreach (var run in new[] { edited, added, deleted })
        {
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains(ScriptRun.Compiling + " (build inputs changed)", run.StandardError, StringComparison.Ordinal);
        }
        Assert.Contains("GREETING: Howdy, world!", edited.StandardOutput, StringComparison.Ordinal);
        Assert.True(unchanged.WasWarm, unchanged.ToString());
    }

    [SkippableFact]
    public void A_changed_Directory_Build_props_recompiles()
    {
        using var repository = FreshRepository();
        Assert.True(repository.Run(_script).Compiled);

        repository.Write("Directory.Build.props", SampleFiles.DirectoryBuildProps.Replace("</PropertyGroup>", "  <Deterministic>true</Deterministic>\n  </PropertyGroup>", StringComparison.Ordinal));
        var run = repository.Run(_script);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(ScriptRun.Compiling + " (build inputs changed)", run.StandardError, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_change_in_a_project_the_build_references_recompiles()
    {
        using var repository = FreshRepository();
        repository.Write("lib/SampleLib/SampleLib.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        repository.Write("lib/SampleLib/Words.cs", "public static class Words { public const string Closing = \"Bye\"; }\n");
        repository.Write("build/_build.csproj", repository.Read("build/_build.csproj").Replace(
            "</ItemGroup>", "  <ProjectReference Include=\"../lib/SampleLib/SampleLib.csproj\" />\n  </ItemGroup>", StringComparison.Ordinal));
        repository.Write("build/Build.cs", repository.Read("build/Build.cs").Replace(
            "Console.WriteLine($\"ROOT:", "Console.WriteLine(Words.Closing); Console.WriteLine($\"ROOT:", StringComparison.Ordinal));
        var first = repository.Run(_script);
        Assert.True(first.ExitCode == 0 && first.StandardOutput.Contains("Bye", StringComparison.Ordinal), first.ToString());

        repository.Write("lib/SampleLib/Words.cs", "public static class Words { public const string Closing = \"Farewell\"; }\n");
        var run = repository.Run(_script);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(ScriptRun.Compiling + " (build inputs changed)", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("Farewell", run.StandardOutput, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_compile_error_is_shown_and_the_next_run_compiles_again()
    {
        using var repository = FreshRepository();
        repository.Write("build/Broken.cs", "static class Broken { static int Oops() => \"not an int\"; }\n");

        var first = repository.Run(_script);
        var second = repository.Run(_script);

        Assert.True(first.ExitCode != 0, first.ToString());
        Assert.Contains("error CS0029", first.StandardError, StringComparison.Ordinal);
        Assert.Contains("compiling", first.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(repository.PathOf(".nuke/temp/" + _script.FingerprintFile)), "a failed compile must not be recorded");
        Assert.True(second.Compiled && second.ExitCode != 0, second.ToString());
    }
}

/// <summary>build.sh in a sample repository.</summary>
public sealed class BuildShTests(BuildShSample sample) : BootstrapScriptTests(BootstrapScript.Bash, sample), IClassFixture<BuildShSample>;

/// <summary>build.ps1 under PowerShell 7 in a sample repository.</summary>
public sealed class BuildPs1Tests(BuildPs1Sample sample) : BootstrapScriptTests(BootstrapScript.PowerShell, sample), IClassFixture<BuildPs1Sample>;
