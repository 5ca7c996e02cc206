using System.Reflection;
using PublicApiGenerator;

namespace Slipway.Common.Tests.PublicApi;

/// <summary>
/// The public API of an assembly as text, compared with the approved snapshot committed beside its test. On a
/// difference the test fails with the added and removed lines and writes the new text to <c>&lt;name&gt;.received.txt</c>;
/// with <c>SLIPWAY_ACCEPT_API=1</c> the new text overwrites the approved file instead. Shared by the Common and
/// Components test projects (linked, not copied).
/// </summary>
internal static class ApiSnapshot
{
    /// <summary>The variable that accepts a changed API: the approved file is overwritten and the test passes.</summary>
    public const string AcceptVariable = "SLIPWAY_ACCEPT_API";

    // Assembly attributes change per build or say nothing about the API: the version attributes, InternalsVisibleTo,
    // TargetFramework, the repository URL. Member attributes stay (Parameter, Secret, Obsolete are API).
    private static readonly ApiGeneratorOptions s_options = new() { IncludeAssemblyAttributes = false };

    /// <summary>The public API of <paramref name="assembly"/>, one declaration a line, with <c>\n</c> line ends.</summary>
    public static string Generate(Assembly assembly) => Normalize(assembly.GeneratePublicApi(s_options));

    /// <summary>
    /// Compares the public API of <paramref name="assembly"/> with the approved file at <paramref name="approvedFile"/>
    /// (relative to the repository root), accepting the change when <see cref="AcceptVariable"/> is <c>1</c>.
    /// </summary>
    public static void Verify(Assembly assembly, string approvedFile)
    {
        var accept = Environment.GetEnvironmentVariable(AcceptVariable) == "1";
        var testProject = Path.GetDirectoryName(Path.GetDirectoryName(approvedFile));
        Verify(Generate(assembly), Path.Combine(RepositoryRoot(), approvedFile), accept,
            $"{AcceptVariable}=1 dotnet test {testProject} --filter PublicApi");
    }

    /// <summary>
    /// Compares <paramref name="received"/> with the approved file; fails with the changed lines unless accepted, naming
    /// <paramref name="acceptCommand"/> as the way to accept.
    /// </summary>
    public static void Verify(string received, string approvedFile, bool accept, string? acceptCommand = null)
    {
        received = Normalize(received);
        var receivedFile = ReceivedFile(approvedFile);
        var approved = File.Exists(approvedFile) ? Normalize(File.ReadAllText(approvedFile)) : "";
        if (approved == received)
        {
            File.Delete(receivedFile);
            return;
        }
        if (accept)
        {
            File.WriteAllText(approvedFile, received);
            File.Delete(receivedFile);
            return;
        }
        File.WriteAllText(receivedFile, received);
        var name = Path.GetFileName(approvedFile);
        var what = File.Exists(approvedFile) ? $"The public API differs from {name}" : $"{name} does not exist yet";
        Assert.Fail($"""
            {what} (- approved, + now):
            {LineDiff.Format(approved, received)}
            The new API is in {receivedFile}. If the change is intended, accept it and commit the approved file:
              {acceptCommand ?? $"{AcceptVariable}=1 dotnet test <test project> --filter PublicApi"}
            """);
    }

    /// <summary><c>Slipway.Common.api.txt</c> → <c>Slipway.Common.received.txt</c> in the same folder.</summary>
    public static string ReceivedFile(string approvedFile)
    {
        var name = Path.GetFileName(approvedFile);
        var stem = name.EndsWith(".api.txt", StringComparison.Ordinal) ? name[..^".api.txt".Length] : Path.GetFileNameWithoutExtension(name);
        return Path.Combine(Path.GetDirectoryName(approvedFile) ?? ".", stem + ".received.txt");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n') + "\n";

    // The checkout the tests were built from: the nearest directory above the test assembly that holds Slipway.sln.
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Slipway.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No directory above {AppContext.BaseDirectory} holds Slipway.sln; run the tests from the repository.");
    }
}
