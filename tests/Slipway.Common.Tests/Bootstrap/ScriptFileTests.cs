using System.Diagnostics;

namespace Slipway.Common.Tests.Bootstrap;

/// <summary>How the scripts are stored: a checkout on any machine must be able to run them as they are.</summary>
public sealed class ScriptFileTests
{
    [SkippableFact]
    public void Build_sh_is_executable_in_git()
    {
        var start = new ProcessStartInfo("git", "ls-files -s build.sh") { WorkingDirectory = RepositoryPaths.Root };
        ScriptRun run;
        try
        {
            run = ScriptRun.Start(start, TimeSpan.FromMinutes(1));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new SkipException("git is not installed");
        }
        Skip.If(run.ExitCode != 0 || run.StandardOutput.Length == 0, "the tests do not run in a git checkout");

        Assert.StartsWith("100755 ", run.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("build.sh")]
    [InlineData("build.ps1")]
    [InlineData("tests/infra/install-pwsh.sh")]
    [InlineData("benchmarks/warm-start.sh")]
    public void Scripts_have_LF_line_endings(string script)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, script));

        Assert.DoesNotContain('\r', text);
    }
}
