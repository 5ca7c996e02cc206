using System.Collections.Immutable;
using Slipway.Components.Docker;
using Slipway.IO;

namespace Slipway.Components.Tests.Infrastructure;

/// <summary>
/// A docker client that is a bash script in <paramref name="directory"/>: each call's arguments are appended to a log,
/// then <paramref name="body"/> answers (bash, with the arguments in <c>$@</c>). For the questions the components ask
/// docker, asked of an engine that answers as a test needs.
/// </summary>
internal sealed class ScriptedDocker(AbsolutePath directory, string body)
{
    private AbsolutePath CallLog => directory / "docker-calls";

    /// <summary>The client; skips the test where bash scripts do not run.</summary>
    public DockerCli Client
    {
        get
        {
            Skip.If(OperatingSystem.IsWindows(), "the docker stand-in is a bash script");
            var script = directory / "docker";
            script.WriteAllText($"#!/bin/bash\necho \"$*\" >> \"{CallLog}\"\n{body.Replace("\r\n", "\n", StringComparison.Ordinal)}\n");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return new DockerCli(script, ImmutableDictionary<string, string?>.Empty);
        }
    }

    /// <summary>The calls so far, one line of arguments each.</summary>
    public IReadOnlyList<string> Calls => CallLog.FileExists() ? File.ReadAllLines(CallLog) : [];
}
