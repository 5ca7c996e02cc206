using Slipway.Processes;

namespace Slipway.Components.Dotnet;

/// <summary><c>dotnet build</c> of the solution, after Restore.</summary>
public interface ICompile : IRestore
{
    /// <summary>Adjusts the build command; override with an explicit interface implementation.</summary>
    /// <example><c>ToolCommand ICompile.ConfigureCompile(ToolCommand c) => c.AddArguments("-p:ContinuousIntegrationBuild=true");</c></example>
    ToolCommand ConfigureCompile(ToolCommand command) => command;

    /// <summary>Edits the typed build settings; the <see cref="ConfigureCompile(ToolCommand)"/> hook then sees the whole command.</summary>
    /// <example><c>DotnetBuildSettings ICompile.ConfigureCompile(DotnetBuildSettings s) => s.SetProperty("ContinuousIntegrationBuild", "true");</c></example>
    DotnetBuildSettings ConfigureCompile(DotnetBuildSettings settings) => settings;

    /// <summary>Builds the solution without restoring again.</summary>
    Target Compile => _ => _
        .Description("Builds the solution")
        .DependsOn<IRestore>(x => x.Restore)
        .Executes(async () => await ConfigureCompile(DotnetCommands.Build(Solution, Configuration, RootDirectory, ConfigureCompile)).ExecuteAsync());
}
