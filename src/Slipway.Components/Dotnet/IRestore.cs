using Slipway.Processes;

namespace Slipway.Components.Dotnet;

/// <summary><c>dotnet restore</c> of the solution.</summary>
public interface IRestore : IDotnetSolution
{
    /// <summary>Adjusts the restore command; override with an explicit interface implementation.</summary>
    /// <example><c>ToolCommand IRestore.ConfigureRestore(ToolCommand c) => c.AddArguments("--locked-mode");</c></example>
    ToolCommand ConfigureRestore(ToolCommand command) => command;

    /// <summary>Edits the typed restore settings; the <see cref="ConfigureRestore(ToolCommand)"/> hook then sees the whole command.</summary>
    /// <example><c>DotnetRestoreSettings IRestore.ConfigureRestore(DotnetRestoreSettings s) => s with { LockedMode = true };</c></example>
    DotnetRestoreSettings ConfigureRestore(DotnetRestoreSettings settings) => settings;

    /// <summary>Restores the solution's NuGet packages.</summary>
    Target Restore => _ => _
        .Description("Restores the solution's NuGet packages")
        .Executes(async () => await ConfigureRestore(DotnetCommands.Restore(Solution, RootDirectory, ConfigureRestore)).ExecuteAsync());
}
