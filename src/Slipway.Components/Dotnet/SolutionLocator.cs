using Slipway.IO;

namespace Slipway.Components.Dotnet;

/// <summary>Finds the solution when none is given.</summary>
internal static class SolutionLocator
{
    /// <summary>The only <c>*.sln</c> or <c>*.slnx</c> directly in <paramref name="root"/>; fails when there is none or several.</summary>
    public static AbsolutePath FindSingle(AbsolutePath root) =>
        FindAtMostOne(root) ?? throw new BuildFailedException(
            $"There is no solution (*.sln or *.slnx) in {root}. Create one (dotnet new sln) or name it with --solution <path>.");

    /// <summary>The only <c>*.sln</c> or <c>*.slnx</c> directly in <paramref name="root"/>, null when there is none; fails when there are several.</summary>
    public static AbsolutePath? FindAtMostOne(AbsolutePath root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var solutions = Directory.EnumerateFiles(root)
            .Where(f => Path.GetExtension(f).ToUpperInvariant() is ".SLN" or ".SLNX")
            .Select(AbsolutePath.Create)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        return solutions.Count switch
        {
            0 => null,
            1 => solutions[0],
            _ => throw new BuildFailedException(
                $"There are {solutions.Count} solutions in {root}: {string.Join(", ", solutions.Select(s => s.Name))}. " +
                "Name the one to build with --solution <path> (or SOLUTION=<path>), or remove the others."),
        };
    }
}
