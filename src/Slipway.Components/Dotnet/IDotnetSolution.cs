using Slipway.IO;

namespace Slipway.Components.Dotnet;

/// <summary>The solution the .NET components restore, build and test, and the configuration they build.</summary>
public interface IDotnetSolution : ISlipwayBuild
{
    /// <summary>The solution file; by default the single <c>*.sln</c> or <c>*.slnx</c> at the root.</summary>
    [Parameter("Solution file (default: the single *.sln or *.slnx at the root)")]
    AbsolutePath Solution => TryGetValue(() => Solution) ?? SolutionLocator.FindSingle(RootDirectory);

    /// <summary>The build configuration (default <c>Release</c>).</summary>
    [Parameter("Build configuration (default: Release)")]
    string Configuration => TryGetValue(() => Configuration) ?? "Release";
}
