using Slipway.Processes;

namespace Slipway.Components.Dotnet;

/// <summary><c>dotnet build</c> of the solution, after Restore.</summary>
public interface ICompile : IRestore
{
    /// <summary>Adjusts the build command; override with an explicit interface implementation.</summary>
    /// <example><c>ToolCommand ICompile.ConfigureCompile(ToolCommand c) => c.AddArguments("-p:ContinuousIntegrationBuild=true");</c></example>
    ToolCommand ConfigureCompile(ToolCommand command) => command;

    /// <summary>Builds the solution without restoring again.</summary>
    Target Compile => _ => _
        .Description("Builds the solution")
        .DependsOn<IRestore>(x => x.Restore)
        .Executes(async () => await ConfigureCompile(DotnetCommands.Build(Solution, Configuration, RootDirectory)).ExecuteAsync());
}
