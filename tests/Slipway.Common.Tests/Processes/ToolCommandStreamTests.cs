using Slipway.Common.Tests.Support;
using Slipway.Processes;

namespace Slipway.Common.Tests.Processes;

/// <summary>Output streams line by line while the tool runs; input, working directory and environment reach it.</summary>
public sealed class ToolCommandStreamTests
{
    [SkippableFact]
    public async Task Each_line_reaches_the_handler_while_the_tool_is_still_running()
    {
        ProcessProbe.RequirePosixShell();
        var signal = Path.Combine(Path.GetTempPath(), "slipway-signal-" + Guid.NewGuid().ToString("N"));
        // The tool prints a line, then waits (up to 20 s) for the handler to answer it; it fails when no answer comes.
        const string Script = "echo first; for i in $(seq 200); do [ -f \"$1\" ] && break; sleep 0.1; done; [ -f \"$1\" ] || exit 9; echo second";
        var seen = new List<string>();

        try
        {
            var result = await Tool.Of("bash").WithArguments(["-c", Script, "probe", signal]).WithOutputLogging(false)
                .WithOutputHandler(line =>
                {
                    lock (seen) seen.Add(line.Text);
                    if (line.Text == "first") File.WriteAllText(signal, "");
                })
                .ExecuteAsync();

            Assert.Equal(0, result.ExitCode);
            Assert.Equal(["first", "second"], seen);
        }
        finally
        {
            File.Delete(signal);
        }
    }

    [SkippableFact]
    public async Task Output_lines_are_logged_as_they_arrive()
    {
        ProcessProbe.RequirePosixShell();
        using var log = new TestRun();

        await Tool.Of("bash").WithArguments(["-c", "echo one; echo two >&2"]).ExecuteAsync();

        Assert.Contains("> bash -c 'echo one; echo two >&2'", log.Messages);
        Assert.Contains("one", log.Messages);
        Assert.Contains("two", log.Messages);
    }

    [SkippableFact]
    public async Task Standard_input_is_written_to_the_tool_and_closed()
    {
        ProcessProbe.RequirePosixShell();
        var text = "line one " + Guid.NewGuid().ToString("N") + "\nline two";

        var result = await Tool.Of("cat").WithStandardInput(text).WithOutputLogging(false).ExecuteAsync();

        Assert.Equal(text, result.StandardOutput);
    }

    [SkippableFact]
    public async Task A_standard_input_writer_streams_bytes_to_the_tool_and_closes_the_pipe()
    {
        ProcessProbe.RequirePosixShell();
        var block = new byte[1 << 20];
        Random.Shared.NextBytes(block);

        // 8 MiB through the pipe: far more than its buffer, so the writer and the tool must run side by side.
        var result = await Tool.Of("wc").WithArguments(["-c"]).WithOutputLogging(false).WithStandardInput(async (pipe, token) =>
        {
            for (var i = 0; i < 8; i++) await pipe.WriteAsync(block, token);
        }).ExecuteAsync();

        Assert.Equal((8 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture), result.StandardOutput.Trim());
    }

    [SkippableFact]
    public async Task The_tool_runs_in_the_given_working_directory()
    {
        ProcessProbe.RequirePosixShell();
        var directory = Directory.CreateTempSubdirectory("slipway-cwd-");
        try
        {
            var result = await Tool.Of("pwd").WithArguments(["-P"]).WithWorkingDirectory(directory.FullName).WithOutputLogging(false).ExecuteAsync();

            Assert.Equal(new DirectoryInfo(directory.FullName).ResolveLinkTarget(true)?.FullName ?? directory.FullName, result.StandardOutput);
        }
        finally
        {
            directory.Delete();
        }
    }

    [SkippableFact]
    public async Task Environment_variables_are_added_and_inherited_ones_removed()
    {
        ProcessProbe.RequirePosixShell();
        const string Inherited = "SLIPWAY_TEST_INHERITED";
        Environment.SetEnvironmentVariable(Inherited, "from-parent");
        try
        {
            var command = Tool.Of("bash").WithArguments(["-c", "echo \"added=$SLIPWAY_TEST_ADDED inherited=${SLIPWAY_TEST_INHERITED-unset}\""]).WithOutputLogging(false);

            var inheriting = await command.WithEnvironment("SLIPWAY_TEST_ADDED", "a b").ExecuteAsync();
            var removing = await command.WithEnvironment("SLIPWAY_TEST_ADDED", "x").WithEnvironment(Inherited, null).ExecuteAsync();

            Assert.Equal("added=a b inherited=from-parent", inheriting.StandardOutput);
            Assert.Equal("added=x inherited=unset", removing.StandardOutput);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Inherited, null);
        }
    }

    [Fact]
    public void Echoed_command_quotes_arguments_that_a_shell_would_split_or_expand()
    {
        var command = Tool.Of("docker").WithArguments(["build", "--tag", "my image", "it's", "$HOME", ""]);

        Assert.Equal("docker build --tag 'my image' 'it'\\''s' '$HOME' ''", command.ToString());
    }
}
