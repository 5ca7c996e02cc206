using System.Reflection;
using Slipway.Hosts;

namespace Slipway.Components.Versioning;

/// <summary>
/// The environment a build runs with: the one the engine detected its host from (a test may pass its own), else the process's.
/// GitVersion's build-agent variables and the CI registry defaults are read from it.
/// </summary>
internal static class BuildEnvironment
{
    // Host keeps the environment it was detected from in a private protected property; Slipway.Common exposes no accessor yet.
    private static readonly PropertyInfo? s_hostEnvironment =
        typeof(Host).GetProperty("Environment", BindingFlags.Instance | BindingFlags.NonPublic);

    public static IReadOnlyDictionary<string, string> Of(ISlipwayBuild build)
    {
        ArgumentNullException.ThrowIfNull(build);
        return s_hostEnvironment?.GetValue(build.Host) is IReadOnlyDictionary<string, string> environment
            ? environment
            : Host.ReadEnvironment();
    }
}
