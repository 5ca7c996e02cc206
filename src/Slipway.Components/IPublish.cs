using Slipway.Components.Dockerfiles;
using Slipway.Components.Dotnet;
using Slipway.Components.Images;
using Slipway.Components.Registry;
using Slipway.Components.Signing;

namespace Slipway.Components;

/// <summary>
/// The whole delivery chain, the default target of a generated build: Restore → Compile → Test → DockerLint →
/// DockerBuild → TrivyScan → Sbom → Tag → Push → Sign. The image is only built once the tests and the Dockerfile lint
/// passed, only tagged once its scan passed, only pushed under tags that passed the final check, and its pushed digest is
/// signed with its SBOM, provenance and scan verdict attached (or the build says it is unsigned).
/// </summary>
public interface IPublish : ITest, IDockerLint, ISign
{
    /// <summary>The checks that pass before an image is built for publishing: the tests and the Dockerfile lint.</summary>
    Target PublishChecks => _ => _
        .Unlisted()
        .Description("Tests and Dockerfile lint, before the image is built")
        .DependsOn<ITest>(x => x.Test)
        .DependsOn<IDockerLint>(x => x.DockerLint)
        .Before<IDockerBuild>(x => x.DockerBuild);

    /// <summary>The checks that need nothing built, run before the first target that builds: the build context is committed.</summary>
    Target PublishPreflight => _ => _
        .Unlisted()
        .Description("Checks that need nothing built, before Restore")
        .DependsOn<ITag>(x => x.CommittedSource)
        .Before<IRestore>(x => x.Restore);

    /// <summary>Tests, lints, builds, scans, tags, pushes and signs the service image.</summary>
    Target Publish => _ => _
        .Description("Restore, compile, test, lint the Dockerfile, build, scan, tag, push and sign the image")
        .DependsOn<IPublish>(x => x.PublishPreflight)
        .DependsOn<IPublish>(x => x.PublishChecks)
        .DependsOn<IPush>(x => x.Push)
        .DependsOn<ISign>(x => x.Sign);
}
